import type { FastifyInstance } from 'fastify';
import { idParamsSchema } from '../../../src-shared/contract/fields.schema';
import { reassignmentSchema } from '../../../src-shared/contract/reassignment.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { latestReassignment } from './reassignment.service';

export function registerReassignmentRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    {
      method: 'GET',
      url: '/leads/:id/reassignment',
      tag: 'leads',
      summary: 'The latest reassignment of a lead (to whom, by whom), for the user who held it right before',
      auth: 'user',
      params: idParamsSchema,
      response: reassignmentSchema,
    },
    ({ user, params }) => latestReassignment(hub.db, user, params.id),
  );
}
