import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../hub-context';

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * `HUB_SHUTDOWN_GRACE_MS`: how long a stopping hub lets requests in flight finish before it cuts them
 * (default 10 s; a load balancer's own drain time should be at least this).
 */
export function shutdownGraceOf(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return DEFAULT_SHUTDOWN_GRACE_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new Error(`HUB_SHUTDOWN_GRACE_MS: "${value}" is not a whole number of milliseconds from 0 to 600000.`);
  return ms;
}

/**
 * Readiness turns false as soon as the hub starts closing, so a load balancer that still asks this process
 * (over a kept-alive connection) takes it out of the pool.
 */
export function registerShutdown(app: FastifyInstance, hub: HubContext): void {
  trackConnections(app.server);
  let stopping = false;
  hub.readiness.add('shutdown', () => (stopping ? { ok: false, detail: 'shutting down' } : { ok: true, detail: 'running' }));
  app.addHook('preClose', (done) => {
    stopping = true;
    done();
  });
}

const connections = new WeakMap<Server, Set<Socket>>();

function trackConnections(server: Server): void {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  connections.set(server, open);
}

/**
 * Connections on which the client has not sent a byte yet. Node counts such a connection as busy from its
 * first moment (its headers timeout runs), so closeIdleConnections leaves it and close() waits until the client
 * drops it: after cutting an event stream, fetch (undici) had one open that it kept for its 4 s keep-alive, and
 * every test hub that had served the app took that long to stop. Nothing is in flight on it.
 */
function closeUnusedConnections(server: Server): void {
  for (const socket of connections.get(server) ?? []) if (socket.bytesRead === 0) socket.destroy();
}

/**
 * Stops the HTTP side without losing a request: no new connections; a request arriving on a kept-alive
 * connection is still served (with `Connection: close`: fastify's return503OnClosing is off); requests in
 * flight finish; event streams end with a reconnect hint (events.routes); connections that fall idle are closed
 * as they do (node closes the idle ones only once, when closing starts), and so are those that never sent a
 * request. After `graceMs` whatever is left is cut.
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<{ forced: boolean }> {
  const server = app.server;
  let forced = false;
  const reaper = setInterval(() => {
    server.closeIdleConnections();
    closeUnusedConnections(server);
  }, 50);
  const deadline = setTimeout(() => {
    forced = true;
    server.closeAllConnections();
  }, graceMs);
  try {
    await app.close();
  } finally {
    clearInterval(reaper);
    clearTimeout(deadline);
  }
  return { forced };
}
