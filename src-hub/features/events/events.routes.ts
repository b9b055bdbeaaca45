import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { CHANGE_EVENT_NAME, type ChangeEvent } from '../../../src-shared/contract/sync.schema';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import type { HubContext } from '../../hub-context';
import { HubError } from '../../http/hub-error';
import { route } from '../../http/route';
import { routeOf } from '../logging/request-log';
import { CHANGES_CHANNEL } from '../changes/change-log';
import { ChangeBroadcaster } from './change-broadcaster';
import type { EventListener } from './change-fanout';

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** The reconnect hint of a stream ended by a stopping hub: 1 to 5 s, at random. */
export const reconnectHintMs = (): number => 1_000 + Math.floor(Math.random() * 4_000);
/** At most one event per user per this many milliseconds, unless the hub's config says otherwise. */
export const COALESCE_MS = 50;

const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // proxies (nginx) must pass events on at once, not buffer them
  'x-accel-buffering': 'no',
};

/**
 * `GET /events`: a server-sent event stream per signed-in user. A `change` event says "pull now"; a `: ping`
 * comment keeps proxies from closing an idle stream. Each heartbeat re-reads the session, so a revoked
 * session ends its stream and a role change updates what wakes it.
 */
export function registerEventsRoutes(app: FastifyInstance, hub: HubContext): void {
  const broadcaster = new ChangeBroadcaster((onPayload) => hub.db.listen(CHANGES_CHANNEL, onPayload), hub.config.eventCoalesceMs ?? COALESCE_MS);
  const streams = new Set<ServerResponse>();
  const heartbeatMs = hub.config.eventHeartbeatMs ?? DEFAULT_HEARTBEAT_MS;

  // Open streams would keep the server from closing: end them first, then stop listening. The `retry:` line
  // tells an EventSource when to reconnect (to another hub behind the balancer), spread so a stopping hub's
  // clients do not all arrive at once.
  app.addHook('preClose', (done) => {
    for (const stream of streams) stream.end(`retry: ${reconnectHintMs()}\n\n`);
    streams.clear();
    done();
  });
  app.addHook('onClose', async () => broadcaster.close());

  route(
    app,
    hub,
    { method: 'GET', url: '/events', tag: 'sync', summary: 'Server-sent events: `change` whenever something the caller may see changed', auth: 'user', raw: true, contentType: 'text/event-stream' },
    async ({ user, request, reply }) => {
      const listener: EventListener = { userId: user.id, seeAll: capabilitiesOf(user.role).seeAllLeads };
      const stream = reply.raw;
      const write = (text: string): void => {
        if (!stream.writableEnded) stream.write(text);
      };
      const unsubscribe = await broadcaster.subscribe(listener, (hint) => {
        const data: ChangeEvent = { cursor: hint };
        write(`event: ${CHANGE_EVENT_NAME}\ndata: ${JSON.stringify(data)}\n\n`);
      });
      reply.hijack();
      stream.writeHead(200, STREAM_HEADERS);
      write(': connected\n\n');
      streams.add(stream);
      hub.metrics.eventStreams.inc();
      const openedAt = Date.now();

      const heartbeat = setInterval(() => {
        write(': ping\n\n');
        hub.auth.authenticate(request).then(
          (current) => {
            const seeAll = capabilitiesOf(current.role).seeAllLeads;
            if (seeAll === listener.seeAll) return;
            listener.seeAll = seeAll;
            broadcaster.regroup(listener);
          },
          (error: unknown) => {
            if (error instanceof HubError) stream.end(); // signed out or revoked; a database hiccup is not
          },
        );
      }, heartbeatMs);
      let cleanedUp = false;
      const cleanUp = (): void => {
        if (cleanedUp) return;
        cleanedUp = true;
        hub.metrics.eventStreams.dec();
        // a hijacked reply has no "request completed" line: this is the stream's
        request.log.info({ method: request.method, route: routeOf(request), status: 200, durationMs: Date.now() - openedAt, userId: user.id }, 'event stream closed');
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(stream);
      };
      stream.on('close', cleanUp);
      // The client may have gone while the LISTEN was being set up: then no 'close' will come any more.
      if (request.raw.socket.destroyed) {
        cleanUp();
        stream.end();
      }
    },
  );
}
