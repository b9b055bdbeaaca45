import type { IpcHandlers } from '../ipc/ipc-dispatcher';

export interface DesktopNotification {
  title: string;
  body: string;
  leadId: string;
}

/** A desktop notification the renderer asks for; a locked screen shows nothing of the replica, a notification neither. */
export function notificationHandlers(deps: { isLocked: () => boolean; notify: ((notification: DesktopNotification) => void) | undefined }): Pick<IpcHandlers, 'notifications:show'> {
  return {
    'notifications:show': async (notification) => {
      if (!deps.isLocked()) deps.notify?.(notification);
      return {};
    },
  };
}
