import type { Session } from 'electron';

/**
 * The web permissions the renderer uses, and nothing else: copying an intake key (navigator.clipboard.writeText
 * asks for 'clipboard-sanitized-write'). Desktop notifications come from main's Electron `Notification`, which
 * no session permission governs, so the renderer gets no 'notifications' permission of its own.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export interface PermissionAsk {
  permission: string;
  /** The URL of the frame asking; absent when Electron does not give it (cross-origin subframes). */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

/** Allowed only if listed, asked by the app's own main frame (a frame inside it gets nothing). */
export function isPermissionAllowed(ask: PermissionAsk, isAppPage: (url: string) => boolean): boolean {
  return ALLOWED_PERMISSIONS.includes(ask.permission) && ask.isMainFrame && ask.requestingUrl !== undefined && isAppPage(ask.requestingUrl);
}

/**
 * The same rule for both of Electron's handlers: most web APIs check first and request only when the check
 * says no, so a rule set on one of them alone leaves the other at Electron's default (allow).
 */
export function installPermissionHandlers(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, isAppPage: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, isAppPage));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, isAppPage),
  );
}
