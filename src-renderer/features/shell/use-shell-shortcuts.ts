import { useEffect } from 'react';
import type { Role } from '../../../src-shared/domain/roles';
import { useSessionStore } from '../../app/session-store';
import { useUiStore } from '../../app/ui-store';
import { menuFor } from './menu-items';

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** `?` help, Alt+digit menu entries, `/` search, Esc closes the help or the open lead. */
export function useShellShortcuts(role: Role, helpOpen: boolean, setHelpOpen: (open: boolean) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (useSessionStore.getState().session?.locked) return;
      const ui = useUiStore.getState();
      if (event.key === 'Escape') {
        if (helpOpen) setHelpOpen(false);
        else if (ui.openLeadId && !document.querySelector('[role="dialog"][aria-modal="true"]')) ui.openLead(null);
        return;
      }
      if (event.altKey && /^[1-9]$/.test(event.key)) {
        const item = menuFor(role)[Number(event.key) - 1];
        if (item) {
          event.preventDefault();
          ui.setView(item.view);
        }
        return;
      }
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelpOpen(!helpOpen);
      } else if (event.key === '/') {
        const search = document.querySelector<HTMLInputElement>('.board-search');
        if (search) {
          event.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [role, helpOpen, setHelpOpen]);
}
