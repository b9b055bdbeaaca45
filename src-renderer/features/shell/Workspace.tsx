import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actor } from '../../../src-shared/domain/lead-access';
import { useUiStore } from '../../app/ui-store';
import { useDueNotifications } from '../home/use-due-notifications';
import { useUnclaimedAlerts } from '../unclaimed-alerts/use-unclaimed-alerts';
import { LeadForm } from '../lead-form/LeadForm';
import { MainView } from './MainView';
import { ShortcutHelp } from './ShortcutHelp';
import { SideMenu } from './SideMenu';
import { Toasts } from './Toasts';
import { landingView, menuFor } from './menu-items';
import { useReassignedAwayToast } from './use-reassigned-away-toast';
import { useShellShortcuts } from './use-shell-shortcuts';
import { FOCUS_ANCHOR } from '../../ui/focus';
import { useFocusKeeper } from '../../ui/use-focus-keeper';
import { useReturnFocus } from '../../ui/use-return-focus';

/** Below the top bar: the menu, the current view, the open lead over it, toasts and the shortcut help. */
export function Workspace({ actor }: { actor: Actor }) {
  const openLeadId = useUiStore((state) => state.openLeadId);
  const openLead = useUiStore((state) => state.openLead);
  const setView = useUiStore((state) => state.setView);
  const view = useUiStore((state) => state.view);
  const [helpOpen, setHelpOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  useShellShortcuts(actor.role, helpOpen, setHelpOpen);
  useDueNotifications(actor.id);
  useUnclaimedAlerts(actor);
  useReassignedAwayToast(actor.id);
  useFocusKeeper(useCallback(() => mainRef.current, []));

  // Each sign-in lands where that role starts its day, with the focus on that view (not left on the page body
  // where the sign-in form was): a screen reader says where the user is, Tab goes on from there.
  useEffect(() => {
    setView(landingView(actor.role));
    mainRef.current?.focus();
  }, [actor.id, actor.role, setView]);
  const viewLabel = menuFor(actor.role).find((item) => item.view === view)?.label ?? 'Workspace';

  // The toasts' strip is the shell's next row, outside the workspace: the lead drawer and dialogs never hide it
  // and it never lies over them.
  return (
    <>
      <div className="workspace">
        <SideMenu role={actor.role} />
        <main className="view" ref={mainRef} tabIndex={-1} aria-label={viewLabel} {...{ [FOCUS_ANCHOR]: '' }}>
          <MainView actor={actor} />
        </main>
        {openLeadId && (
          <LeadDrawer key={openLeadId} leadId={openLeadId} onClose={() => openLead(null)} />
        )}
        {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
      </div>
      <Toasts />
    </>
  );
}

/**
 * The open lead over the view: it takes the focus when it opens (Tab goes on inside it, not on the board
 * under it) and gives it back to the card or row that opened it on close.
 */
function LeadDrawer({ leadId, onClose }: { leadId: string; onClose: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useReturnFocus();
  useEffect(() => {
    if (!ref.current?.contains(document.activeElement)) ref.current?.focus();
  }, []);
  return (
    <section className="lead-drawer" aria-label="Open lead" ref={ref} tabIndex={-1} {...{ [FOCUS_ANCHOR]: '' }}>
      <LeadForm leadId={leadId} onClose={onClose} />
    </section>
  );
}
