import type { FastifyInstance } from 'fastify';
import { createUserBodySchema, patchUserBodySchema } from '../../../src-shared/contract/config.schema';
import { userSchema } from '../../../src-shared/contract/entities.schema';
import { idParamsSchema } from '../../../src-shared/contract/fields.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { addUser, editUser } from './users-config.service';

/** User administration (managers). `GET /users` is a read every role has: config-read.routes.ts. */
export function registerUserRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    { method: 'POST', url: '/users', tag: 'config', summary: 'Add a user', auth: 'user', body: createUserBodySchema, response: userSchema, status: 201, errors: ['forbidden', 'already_exists'] },
    ({ user, body }) => addUser(hub, user, body),
  );
  route(
    app,
    hub,
    {
      method: 'PATCH',
      url: '/users/:id',
      tag: 'config',
      summary: 'Edit a user: deactivation or a new password signs them out everywhere; a role change rebuilds their replica',
      auth: 'user',
      params: idParamsSchema,
      body: patchUserBodySchema,
      response: userSchema,
      errors: ['forbidden'],
    },
    ({ user, params, body }) => editUser(hub, user, params.id, body),
  );
}
