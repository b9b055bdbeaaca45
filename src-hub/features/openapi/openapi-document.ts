import { z } from 'zod';
import { errorEnvelopeSchema, HTTP_STATUS_OF, type HubErrorCode } from '../../../src-shared/contract/errors';
import type { AnyRouteSpec } from '../../http/route';
import { MIN_APP_VERSION_HEADER } from '../../../src-shared/contract/app-version';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema;
}

/** Fastify's `:id` → OpenAPI's `{id}`. */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, '{$1}');
}

function queryParameters(schema: z.ZodType | undefined, inPath: string[]): unknown[] {
  const parameters: unknown[] = inPath.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (!schema) return parameters;
  const json = schemaOf(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  for (const [name, property] of Object.entries(properties)) parameters.push({ name, in: 'query', required: required.has(name), schema: property });
  return parameters;
}

/** Sent by the desktop app on every request; an older version than the hub serves is refused (426 `update_required`). */
const APP_VERSION_PARAMETER = {
  name: 'X-App-Version',
  in: 'header',
  required: false,
  description: `The app's version (e.g. 1.4.0). Every answer names the oldest version served in ${MIN_APP_VERSION_HEADER}; an older one is answered 426 update_required. Omitted by other clients: served as before.`,
  schema: { type: 'string' },
};

/** The OpenAPI 3 document, generated from the same zod schemas the routes parse with. */
export function buildOpenApi(routes: readonly AnyRouteSpec[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const envelope = schemaOf(errorEnvelopeSchema, 'output');
  for (const spec of routes) {
    const path = spec.root ? openApiPath(spec.url) : `/api/v1${openApiPath(spec.url)}`;
    const inPath = [...spec.url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] ?? '');
    const responses: Record<string, unknown> = {
      [String(spec.status ?? 200)]: spec.response
        ? { description: 'Success', content: { 'application/json': { schema: schemaOf(spec.response, 'output') } } }
        : spec.contentType
          ? { description: 'Success', content: { [spec.contentType]: { schema: { type: 'string' } } } }
          : { description: 'Success' },
    };
    for (const [status, description] of Object.entries(spec.alsoStatuses ?? {})) {
      responses[status] = spec.response ? { description, content: { 'application/json': { schema: schemaOf(spec.response, 'output') } } } : { description };
    }
    const codes = new Set<string>(['invalid_input', 'internal', ...(spec.root ? [] : ['update_required']), ...(spec.auth === 'none' ? [] : ['unauthenticated', 'session_expired']), ...(spec.errors ?? [])]);
    if (spec.params) codes.add('not_found');
    for (const code of codes) {
      const status = String(HTTP_STATUS_OF[code as HubErrorCode] ?? 400);
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = {
        description: existing ? `${existing.description}, ${code}` : code,
        content: { 'application/json': { schema: envelope } },
      };
    }
    paths[path] = {
      ...paths[path],
      [spec.method.toLowerCase()]: {
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        tags: [spec.tag],
        ...(spec.auth === 'user' ? { security: [{ bearer: [] }] } : spec.auth === 'intake' ? { security: [{ intakeKey: [] }] } : {}),
        parameters: [...queryParameters(spec.query, inPath), ...(spec.root ? [] : [APP_VERSION_PARAMETER])],
        ...(spec.body ? { requestBody: { required: false, content: { 'application/json': { schema: schemaOf(spec.body, 'input') } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'BPO CRM hub', version: '1.0.0', description: 'The central REST endpoint of BPO CRM Desktop (hub-api.md).' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        intakeKey: { type: 'apiKey', in: 'header', name: 'X-Intake-Key' },
      },
    },
    paths,
  };
}
