import { createHash } from 'node:crypto';

/**
 * The renderer's Content-Security-Policy, and which one applies where:
 *
 * - Packaged app: the window loads `file://…/renderer/index.html`. Electron's security guide says a response
 *   header cannot be set for `file://`, so the `<meta http-equiv>` tag in src-renderer/index.html carries the
 *   policy there (RENDERER_META_POLICY; a test keeps the tag equal to it). Main still sets the header on every
 *   response: wherever Electron does run `onHeadersReceived`, it is the same policy.
 * - `npm start` (not packaged): the window loads electron-vite's dev server over http, so main's header applies.
 *   The dev server's page starts with @vitejs/plugin-react's inline refresh preamble; `script-src 'self'` blocks
 *   it and React never mounts (a blank window). The dev policy allows exactly that one script by its hash and
 *   nothing else. The meta tag applies in dev too, but the preamble comes before it in the served page.
 */

type Directives = ReadonlyArray<readonly [name: string, sources: readonly string[]]>;

/** Script and connections only from the app itself; the renderer never talks to the network directly. */
const PRODUCTION_DIRECTIVES: Directives = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:']],
  ['font-src', ["'self'"]],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
];

/** Directives a `<meta>` policy cannot carry: browsers ignore them there (with a console error). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * @vitejs/plugin-react 6's refresh preamble, exactly as its dev server inlines it (base `/`). A unit test
 * compares it with the plugin's own `preambleCode`, so an upgrade that changes it fails there, not as a
 * blank window.
 */
export const REACT_REFRESH_PREAMBLE = `import { injectIntoGlobalHook } from "/@react-refresh";
injectIntoGlobalHook(window);
window.$RefreshReg$ = () => {};
window.$RefreshSig$ = () => (type) => type;`;

function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

function serialize(directives: Directives): string {
  return directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** The packaged app's policy, set as the response header. */
export const CONTENT_SECURITY_POLICY = serialize(PRODUCTION_DIRECTIVES);

/** The same policy as the `<meta>` tag of src-renderer/index.html can carry it: what guards the `file://` page. */
export const RENDERER_META_POLICY = serialize(PRODUCTION_DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));

/** `npm start` only: production's policy plus the refresh preamble, by hash (no 'unsafe-inline', no other origin). */
export const DEV_SERVER_POLICY = serialize(
  PRODUCTION_DIRECTIVES.map(([name, sources]) => [name, name === 'script-src' ? [...sources, scriptHash(REACT_REFRESH_PREAMBLE)] : sources] as const),
);

/** What main knows when it answers a response: whether it runs packaged, and the dev server it loaded (if any). */
export interface PolicyTarget {
  packaged: boolean;
  devServerUrl: string | undefined;
}

/** The dev policy only for the dev server's own responses of an unpackaged app; production's everywhere else. */
export function contentSecurityPolicyFor(target: PolicyTarget, responseUrl: string): string {
  const devOrigin = target.packaged || !target.devServerUrl ? null : originOf(target.devServerUrl);
  return devOrigin !== null && originOf(responseUrl) === devOrigin ? DEV_SERVER_POLICY : CONTENT_SECURITY_POLICY;
}

/**
 * The response headers main hands back from `onHeadersReceived`: the server's own, with any policy it sent
 * (in any letter case) replaced by ours — two policies would both be enforced.
 */
export function withContentSecurityPolicy(target: PolicyTarget, responseUrl: string, headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [contentSecurityPolicyFor(target, responseUrl)] };
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin; // file:, data: and the like have no origin to match
  } catch {
    return null;
  }
}
