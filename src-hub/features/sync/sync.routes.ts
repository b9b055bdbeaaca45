import type { FastifyInstance } from 'fastify';
import { syncPageSchema, syncQuerySchema } from '../../../src-shared/contract/sync.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { pullSync } from './sync.service';

export function registerSyncRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    {
      method: 'GET',
      url: '/sync',
      tag: 'sync',
      summary: 'Replica pull: changes after the cursor for the caller (no cursor = from the beginning)',
      auth: 'user',
      query: syncQuerySchema,
      response: syncPageSchema,
    },
    ({ user, query }) => pullSync(hub, user, query),
  );
}
