import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { buildOpenApi } from './openapi-document';

const openApiDocumentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string() }), paths: z.record(z.string(), z.unknown()) });

export function registerOpenApiRoute(app: FastifyInstance, hub: HubContext): void {
  // Built at the first request, when every route has registered; the routes do not change after that.
  let document: ReturnType<typeof buildOpenApi> | undefined;
  route(app, hub, { method: 'GET', url: '/openapi.json', tag: 'meta', summary: 'This document', auth: 'none', response: openApiDocumentSchema }, async () => {
    document ??= buildOpenApi(hub.routes);
    return document;
  });
}
