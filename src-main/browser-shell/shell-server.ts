import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { IpcDispatch } from '../ipc/ipc-dispatcher';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import { checkShellRequest } from './shell-guard';
import type { PageLink } from './page-link';

/** Where the page's bridge talks to main, and the script that builds `window.crm` from it. */
export const BRIDGE_PATH = '/__crm';
export const BRIDGE_SCRIPT_PATH = '/__shell/bridge.js';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The built renderer's file types (the test harness serves it the same way). */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface ShellServerOptions {
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  /** The page-side bridge, bundled for the browser. */
  bridgeScript: string;
  dispatch: IpcDispatch;
  link: PageLink;
  /** Fixed for tests; a random 32-byte token otherwise. */
  token?: string;
}

export interface ShellServer {
  origin: string;
  token: string;
  /** The address the opened page loads: the token rides in the fragment, which no request carries. */
  pageUrl: string;
  close(): Promise<void>;
}

/**
 * The browser shell's one HTTP server, on loopback: the built renderer under the app's Content-Security-Policy
 * (its index.html gains the bridge script first), and the bridge — invoke, the event/replica stream, replica
 * answers — for the opened page only (shell-guard.ts).
 */
export async function startShellServer(options: ShellServerOptions): Promise<ShellServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const root = resolve(options.rendererRoot);
  const index = readFileSync(join(root, 'index.html'), 'utf8').replace('<script', `<script src="${BRIDGE_SCRIPT_PATH}"></script>\n    <script`);
  let origin = '';
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith(`${BRIDGE_PATH}/`)) {
      const verdict = checkShellRequest({ host: request.headers.host, origin: request.headers.origin, authorization: request.headers.authorization }, { origin, token });
      if (!verdict.ok) return send(response, verdict.status, { error: { code: verdict.status === 401 ? 'unauthorized' : 'forbidden', message: verdict.reason } });
      return void bridge(path.slice(BRIDGE_PATH.length), request, response, options).catch((error: unknown) =>
        send(response, 400, { error: { code: 'invalid_input', message: error instanceof Error ? error.message : String(error) } }),
      );
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, { error: { code: 'method_not_allowed', message: `${request.method} is not served here.` } });
    if (path === BRIDGE_SCRIPT_PATH) return serve(response, MEDIA_TYPES['.js'], options.bridgeScript);
    const file = staticFile(root, path);
    if (!file) return serve(response, MEDIA_TYPES['.html'], index);
    response.writeHead(200, headers(MEDIA_TYPES[extname(file)] ?? 'application/octet-stream'));
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    token,
    pageUrl: `${origin}/#shell-token=${token}`,
    close: async () => {
      options.link.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function bridge(route: string, request: IncomingMessage, response: ServerResponse, options: ShellServerOptions): Promise<void> {
  if (route === '/stream' && request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    options.link.attach(response);
    return;
  }
  if (request.method !== 'POST') return send(response, 405, { error: { code: 'method_not_allowed', message: `${request.method} ${BRIDGE_PATH}${route} is not served.` } });
  const body = await readJson(request);
  if (route === '/invoke') {
    const { channel, input } = body as { channel?: unknown; input?: unknown };
    if (typeof channel !== 'string') return send(response, 400, { error: { code: 'invalid_input', message: 'Send { channel, input }.' } });
    // The page is the app's own by the guard: it calls as the renderer's origin, which the dispatcher trusts.
    return send(response, 200, await options.dispatch(channel, input, `${originOf(request)}/`));
  }
  if (route === '/replica-ready') {
    const { streamId, ready } = body as { streamId?: unknown; ready?: unknown };
    options.link.setReady(streamId, ready === true);
    return send(response, 204, null);
  }
  if (route === '/replica') {
    options.link.answer(body as Parameters<PageLink['answer']>[0]);
    return send(response, 204, null);
  }
  send(response, 404, { error: { code: 'not_found', message: `No bridge route ${route}.` } });
}

function originOf(request: IncomingMessage): string {
  return `http://${request.headers.host ?? ''}`;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`The request body is over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    throw new Error('The request body is not JSON.');
  }
}

/** A file of the renderer's folder for this path, or null (the SPA's index.html answers). */
function staticFile(root: string, path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const file = resolve(join(root, decoded));
  if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) return null;
  return file;
}

function headers(type: string): Record<string, string> {
  return { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
}

function serve(response: ServerResponse, type: string | undefined, text: string): void {
  response.writeHead(200, headers(type ?? 'text/plain'));
  response.end(text);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    response.writeHead(204).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
