import type { FastifyInstance } from 'fastify';
import { usersQuerySchema } from '../../../src-shared/contract/config.schema';
import { dealershipListSchema, stageListSchema, userListSchema } from '../../../src-shared/contract/entities.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { loadStages } from '../stages/stages.repo';
import { listDealerships } from './dealerships.repo';
import { findUsers } from '../users/users-config.service';

/** Reads every role needs (boards, forms): stages, users and dealerships, never with secrets. */
export function registerConfigReadRoutes(app: FastifyInstance, hub: HubContext): void {
  route(app, hub, { method: 'GET', url: '/stages', tag: 'config', summary: 'Stages by sequence', auth: 'user', response: stageListSchema }, () => loadStages(hub.db));
  route(app, hub, { method: 'GET', url: '/users', tag: 'config', summary: 'Users (no secrets), optionally only active or inactive ones', auth: 'user', query: usersQuerySchema, response: userListSchema }, ({ query }) =>
    findUsers(hub.db, query.active),
  );
  route(app, hub, { method: 'GET', url: '/dealerships', tag: 'config', summary: 'Dealerships (the API key is never returned)', auth: 'user', response: dealershipListSchema }, () =>
    listDealerships(hub.db),
  );
}
