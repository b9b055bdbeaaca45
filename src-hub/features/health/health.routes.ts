import type { FastifyInstance } from 'fastify';
import { livenessSchema, readinessSchema } from '../../../src-shared/contract/health.schema';
import { describeMigrations, migrationState } from '../../db/migrate';
import { route } from '../../http/route';
import type { HubContext } from '../../hub-context';

/**
 * Probes for load balancers and orchestrators, at the root rather than under /api/v1: probes are configured
 * once per pool and must not move with the API's version, the conventional paths (`/healthz`, `/readyz`) need
 * no per-product setup, and a reverse proxy can keep them off the public address by forwarding /api/ only.
 * No authentication: a probe has no token, and the answers say nothing about the data.
 */
export function registerHealthRoutes(app: FastifyInstance, hub: HubContext): void {
  hub.readiness.add('database', async () => {
    try {
      await hub.db.query('select 1');
      return { ok: true, detail: `${hub.db.kind} answers` };
    } catch (error) {
      hub.log.error('readiness: the database does not answer', error);
      const code = (error as { code?: unknown }).code;
      return { ok: false, detail: `the database does not answer${typeof code === 'string' ? ` (${code})` : ''}` };
    }
  });
  hub.readiness.add('migrations', async () => {
    const state = await migrationState(hub.db);
    if (state.pending.length > 0) return { ok: false, detail: `pending: ${describeMigrations(state.pending)}; run hub admin migrate` };
    const newest = Math.max(0, ...state.applied);
    return { ok: true, detail: state.newer.length > 0 ? `version ${newest}, newer than this hub knows (${state.newer.join(', ')})` : `version ${newest}` };
  });

  route(app, hub, { method: 'GET', url: '/healthz', root: true, tag: 'operations', summary: 'Liveness: the hub process answers', auth: 'none', response: livenessSchema }, async () => ({
    status: 'ok' as const,
  }));

  route(
    app,
    hub,
    {
      method: 'GET',
      url: '/readyz',
      root: true,
      tag: 'operations',
      summary: 'Readiness: database reachable, migrations current, mail worker alive, not shutting down. 503 with the same body when a check fails',
      auth: 'none',
      response: readinessSchema,
      raw: true,
      alsoStatuses: { 503: 'Not ready: the same body, naming the failing checks' },
    },
    async ({ reply }) => {
      const readiness = await hub.readiness.run();
      void reply.code(readiness.status === 'ready' ? 200 : 503).header('cache-control', 'no-store').send(readiness);
    },
  );
}
