import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { buildOpenApi } from './openapi-document';

export function registerOpenApiRoute(app: FastifyInstance, hub: HubContext): void {
  route(app, hub, { method: 'GET', url: '/openapi.json', tag: 'meta', summary: 'This document', auth: 'none' }, async () => buildOpenApi(hub.routes));
}
