import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { trustOrigins } from './trusted-sender';
import { ALLOWED_PERMISSIONS, installPermissionHandlers, isPermissionAllowed } from './permissions';

const APP = 'http://localhost:5173/';
const isAppPage = trustOrigins({ httpOrigin: 'http://localhost:5173' });

type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];

/** Electron's two handlers as main installs them, called the way Electron calls them. */
function installed() {
  let request: RequestHandler = null;
  let check: CheckHandler = null;
  installPermissionHandlers({ setPermissionRequestHandler: (handler) => void (request = handler), setPermissionCheckHandler: (handler) => void (check = handler) }, isAppPage);
  return {
    request: (permission: string, requestingUrl: string, isMainFrame = true) =>
      new Promise<boolean>((answer) => request?.(null as never, permission as never, answer, { requestingUrl, isMainFrame })),
    check: (permission: string, requestingUrl: string | undefined, isMainFrame = true) =>
      check?.(null, permission as never, requestingUrl ? new URL(requestingUrl).origin : '', { requestingUrl, isMainFrame } as never) ?? 'no handler',
  };
}

describe('web permissions', () => {
  it('allow exactly what the renderer uses: writing to the clipboard (copying an intake key)', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
  });

  it.each(['notifications', 'clipboard-read', 'media', 'geolocation', 'openExternal', 'fullscreen', 'display-capture', 'unknown'])('refuse %s', (permission) => {
    expect(isPermissionAllowed({ permission, requestingUrl: APP, isMainFrame: true }, isAppPage)).toBe(false);
  });

  it('allow the clipboard only to the app itself, in its main frame', () => {
    const ask = { permission: 'clipboard-sanitized-write', requestingUrl: APP, isMainFrame: true };
    expect(isPermissionAllowed(ask, isAppPage)).toBe(true);
    expect(isPermissionAllowed({ ...ask, requestingUrl: 'http://localhost:5174/' }, isAppPage)).toBe(false);
    expect(isPermissionAllowed({ ...ask, requestingUrl: 'https://example.com/' }, isAppPage)).toBe(false);
    expect(isPermissionAllowed({ ...ask, isMainFrame: false }, isAppPage)).toBe(false);
    expect(isPermissionAllowed({ ...ask, requestingUrl: undefined }, isAppPage)).toBe(false);
  });

  it('both of Electron’s handlers give the same answers (a check alone at its default would allow)', async () => {
    const handlers = installed();
    expect(await handlers.request('clipboard-sanitized-write', APP)).toBe(true);
    expect(handlers.check('clipboard-sanitized-write', APP)).toBe(true);
    expect(await handlers.request('notifications', APP)).toBe(false);
    expect(handlers.check('notifications', APP)).toBe(false);
    expect(await handlers.request('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(handlers.check('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(handlers.check('clipboard-sanitized-write', undefined, false)).toBe(false);
  });
});
