import { timingSafeEqual } from 'node:crypto';

/**
 * Who may call the browser shell's bridge: only the page it opened. Three checks, each of which an outside
 * caller fails: the random per-start token (only the opened page has it: it travels in a 0600 file of the
 * user's private folder, never on a command line), the Host header (a DNS-rebinding page names another host),
 * and the Origin header when the browser sends one (another web page's fetch carries its own origin).
 */
export interface ShellRequest {
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function checkShellRequest(request: ShellRequest, shell: { origin: string; token: string }): GuardVerdict {
  const expectedHost = new URL(shell.origin).host;
  if (request.host !== expectedHost) return { ok: false, status: 403, reason: `Host ${request.host ?? '(none)'} is not ${expectedHost}.` };
  if (request.origin !== undefined && request.origin !== shell.origin) return { ok: false, status: 403, reason: `Origin ${request.origin} is not the app's page.` };
  const given = /^Bearer (\S+)$/.exec(request.authorization ?? '')?.[1];
  if (!given || !sameSecret(given, shell.token)) return { ok: false, status: 401, reason: 'Missing or wrong shell token.' };
  return { ok: true };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
