import { createServer, request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { withContentSecurityPolicy, type PolicyTarget } from '../../src-main/security/content-security-policy';

export interface MainHeadersProxy {
  origin: string;
  /** What main knows (packaged? which dev server?); change it between page loads. */
  target: PolicyTarget;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of a renderer server that answers every response with the headers main's
 * `onHeadersReceived` would hand Chromium — main's own function, on the way in, as Electron does it. A proxy
 * rather than playwright's route.fulfill: a fulfilled page is not from loopback to Chromium, whose
 * local-network checks then refuse the dev server's HMR socket, which Electron never does. WebSocket upgrades
 * (HMR) pass through untouched.
 */
export async function startMainHeadersProxy(options: { upstream: string; port?: number; target: (origin: string) => PolicyTarget }): Promise<MainHeadersProxy> {
  const upstream = new URL(options.upstream);
  const server = createServer((incoming, outgoing) => {
    const forwarded = request({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      const headers = withContentSecurityPolicy(proxy.target, `${proxy.origin}${incoming.url ?? '/'}`, headerLists(answer));
      outgoing.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  server.on('upgrade', (incoming: IncomingMessage, socket, head: Buffer) => {
    const target = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${incoming.method} ${incoming.url} HTTP/${incoming.httpVersion}`];
      for (let i = 0; i < incoming.rawHeaders.length; i += 2) lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
      target.write(`${lines.join('\r\n')}\r\n\r\n`);
      target.write(head);
      socket.pipe(target).pipe(socket);
    });
    target.on('error', () => socket.destroy());
    socket.on('error', () => target.destroy());
  });
  await new Promise<void>((listening) => server.listen(options.port ?? 0, '127.0.0.1', listening));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const proxy: MainHeadersProxy = {
    origin,
    target: options.target(origin),
    close: () =>
      new Promise((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
  return proxy;
}

/** Electron hands main each header as a list of values. */
function headerLists(answer: IncomingMessage): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (let i = 0; i < answer.rawHeaders.length; i += 2) (lists[answer.rawHeaders[i] as string] ??= []).push(answer.rawHeaders[i + 1] as string);
  return lists;
}

/** Records every policy violation in the pages of a context (read with `cspViolations`). */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    // Runs in the page: this file is compiled without DOM types, hence the narrow shape.
    type Violation = { effectiveDirective: string; blockedURI: string };
    const page = globalThis as unknown as { __cspViolations: string[]; document: { addEventListener(type: string, listener: (event: Violation) => void): void } };
    const seen: string[] = [];
    page.__cspViolations = seen;
    page.document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`));
  });
}

/** The violations the page has recorded so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations);
}
