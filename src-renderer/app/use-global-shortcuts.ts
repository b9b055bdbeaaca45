import { useEffect } from 'react';
import { crm } from '../bridge/crm';

/** F5 pulls now (the documents' "refresh the view"); Ctrl+Shift+R rebuilds the replica ("hard-refresh"). */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F5') {
        event.preventDefault();
        void crm().pullNow();
      } else if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 'r') {
        event.preventDefault();
        void crm().rebuildReplica();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
