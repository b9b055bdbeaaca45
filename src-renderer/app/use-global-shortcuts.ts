import { useEffect, useRef } from 'react';
import { call, crm } from '../bridge/crm';
import { errorText } from '../ui/error-text';
import { useSessionStore } from './session-store';
import { useUiStore } from './ui-store';

/** F5 pulls now (the documents' "refresh the view"); Ctrl+Shift+R rebuilds the replica ("hard-refresh"), saying so. */
export function useGlobalShortcuts(): void {
  const toast = useUiStore((state) => state.toast);
  const rebuilding = useRef(false);
  useEffect(() => {
    const rebuild = async () => {
      if (rebuilding.current) return toast('info', 'The local copy is already being rebuilt from the hub.');
      rebuilding.current = true;
      toast('info', 'Rebuilding the local copy from the hub…');
      try {
        await call(crm().rebuildReplica());
        toast('success', 'Local copy rebuilt from the hub.');
      } catch (error) {
        toast('error', `Could not rebuild the local copy: ${errorText(error)}`);
      } finally {
        rebuilding.current = false;
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (useSessionStore.getState().session?.locked) return;
      if (event.key === 'F5') {
        event.preventDefault();
        void crm().pullNow();
      } else if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 'r') {
        event.preventDefault();
        void rebuild();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toast]);
}
