import type { FastifyInstance } from 'fastify';
import { HubError } from '../../http/hub-error';
import { route } from '../../http/route';
import type { HubContext } from '../../hub-context';
import { routeOf } from '../logging/request-log';
import { bearerMatches, metricsTokenOf } from './metrics-token';

/**
 * `GET /metrics` (Prometheus text format) at the root, beside the probes, and the request histogram for every
 * route. Off unless HUB_METRICS_TOKEN is set: then it exists and needs that bearer token.
 */
export function registerMetrics(app: FastifyInstance, hub: HubContext): void {
  const token = metricsTokenOf(hub.config);
  hub.metrics.readFrom({
    outboxDepth: async () =>
      (await hub.db.query<{ status: string; count: string }>(`select status, count(*) as count from mail_outbox where status in ('queued', 'retrying') group by status`)).map(
        (row) => ({ status: row.status, count: Number(row.count) }),
      ),
    pool: () => hub.db.poolStats?.() ?? null,
  });
  if (token) hub.metrics.collectProcessMetrics();

  app.addHook('onResponse', (request, reply, done) => {
    hub.metrics.httpRequests.observe({ method: request.method, route: routeOf(request), status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });

  route(
    app,
    hub,
    {
      method: 'GET',
      url: '/metrics',
      root: true,
      tag: 'operations',
      summary: 'Prometheus metrics (text format 0.0.4). 404 unless HUB_METRICS_TOKEN is set; then send it as Authorization: Bearer',
      auth: 'none',
      raw: true,
      contentType: 'text/plain',
      errors: ['not_found', 'unauthenticated'],
    },
    async ({ request, reply }) => {
      if (!token) throw new HubError('not_found', 'No such endpoint: GET /metrics (set HUB_METRICS_TOKEN to serve metrics).');
      if (!bearerMatches(request.headers.authorization, token)) throw new HubError('unauthenticated', 'GET /metrics needs Authorization: Bearer <HUB_METRICS_TOKEN>.');
      const text = await hub.metrics.registry.metrics();
      void reply.code(200).header('content-type', hub.metrics.registry.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
