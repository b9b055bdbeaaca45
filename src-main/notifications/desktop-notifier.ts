import { Notification, type BrowserWindow } from 'electron';
import type { DesktopNotification } from './notification-handlers';

/** Electron's desktop notification; a click brings the window back so the user can open the lead. */
export function createDesktopNotifier(window: () => BrowserWindow | null): (notification: DesktopNotification) => void {
  return ({ title, body }) => {
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title, body, silent: false });
    shown.on('click', () => {
      const target = window();
      if (!target) return;
      if (target.isMinimized()) target.restore();
      target.focus();
    });
    shown.show();
  };
}
