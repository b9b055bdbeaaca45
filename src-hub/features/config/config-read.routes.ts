import type { FastifyInstance } from 'fastify';
import { dealershipListSchema, stageListSchema, userListSchema } from '../../../src-shared/contract/entities.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { loadStages } from '../stages/stages.repo';
import { listDealerships } from './dealerships.repo';
import { listUsers } from '../users/users.repo';

/** Reads every role needs (boards, forms): stages, users and dealerships, never with secrets. */
export function registerConfigReadRoutes(app: FastifyInstance, hub: HubContext): void {
  route(app, hub, { method: 'GET', url: '/stages', tag: 'config', summary: 'Stages by sequence', auth: 'user', response: stageListSchema }, () => loadStages(hub.db));
  route(app, hub, { method: 'GET', url: '/users', tag: 'config', summary: 'Users (no secrets)', auth: 'user', response: userListSchema }, () => listUsers(hub.db));
  route(app, hub, { method: 'GET', url: '/dealerships', tag: 'config', summary: 'Dealerships (the API key is never returned)', auth: 'user', response: dealershipListSchema }, () =>
    listDealerships(hub.db),
  );
}
