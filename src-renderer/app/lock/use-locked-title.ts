import { useEffect } from 'react';

export const APP_TITLE = 'BPO CRM Desktop';
export const LOCKED_TITLE = 'BPO CRM Desktop — locked';

/** The window title names nothing but the app (never a customer), and says when it is locked. */
export function useLockedTitle(locked: boolean): void {
  useEffect(() => {
    document.title = locked ? LOCKED_TITLE : APP_TITLE;
  }, [locked]);
}
