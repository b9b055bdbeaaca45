import type { z } from 'zod';
import { HTTP_STATUS_OF, HUB_ERROR_CODES } from '../../../src-shared/contract/errors';
import type { JsonSchemaFragment } from '../../../src-shared/contract/openapi-hints';
import type { AnyRouteSpec } from '../../http/route';
import { MIN_APP_VERSION_HEADER } from '../../../src-shared/contract/app-version';
import { responsesOf } from './openapi-responses';
import { schemaOf } from './openapi-schema';

/** Fastify's `:id` → OpenAPI's `{id}`. */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, '{$1}');
}

/** Query parameters from the query schema; the rules it states across parameters go to `rules`. */
function parameters(spec: AnyRouteSpec, rules: string[]): unknown[] {
  const inPath = [...spec.url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] ?? '');
  const pathSchemas = spec.params ? ((schemaOf(spec.params, 'input')['properties'] ?? {}) as Record<string, JsonSchemaFragment>) : {};
  const list: unknown[] = inPath.map((name) => ({ name, in: 'path', required: true, schema: pathSchemas[name] ?? { type: 'string' } }));
  if (!spec.query) return list;
  const json = schemaOf(spec.query, 'input');
  if (typeof json['description'] === 'string') rules.push(json['description']);
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchemaFragment>;
  const required = new Set((json['required'] ?? []) as string[]);
  for (const [name, property] of Object.entries(properties)) list.push({ name, in: 'query', required: required.has(name), schema: property });
  return list;
}

/** Sent by the desktop app on every request; an older version than the hub serves is refused (426 `update_required`). */
const APP_VERSION_PARAMETER = {
  name: 'X-App-Version',
  in: 'header',
  required: false,
  description: `The app's version (e.g. 1.4.0). Every answer names the oldest version served in ${MIN_APP_VERSION_HEADER}; an older one is answered 426 update_required. Omitted by other clients: served as before.`,
  schema: { type: 'string' },
};
/** A body the schema refuses when absent is required (a bodiless POST such as claim takes `{}` or nothing). */
const bodyRequired = (body: z.ZodType): boolean => !body.safeParse(undefined).success;

function operationOf(spec: AnyRouteSpec): JsonSchemaFragment {
  const rules: string[] = [];
  const params = parameters(spec, rules);
  const body = spec.body ? schemaOf(spec.body, 'input') : undefined;
  if (typeof body?.['description'] === 'string') rules.push(body['description']);
  const description = [spec.description, ...rules].filter((text): text is string => !!text).join('\n\n');
  return {
    summary: spec.summary,
    ...(description ? { description } : {}),
    tags: [spec.tag],
    ...(spec.auth === 'user' ? { security: [{ bearer: [] }] } : spec.auth === 'intake' ? { security: [{ intakeKey: [] }] } : { security: [] }),
    parameters: [...params, ...(spec.root ? [] : [APP_VERSION_PARAMETER])],
    ...(spec.body && body ? { requestBody: { required: bodyRequired(spec.body), content: { 'application/json': { schema: body } } } } : {}),
    responses: responsesOf(spec),
  };
}

/** hub-api.md's error table, from the same closed union and status map the hub answers with. */
function errorTable(): string {
  const byStatus = new Map<number, string[]>();
  for (const code of HUB_ERROR_CODES) byStatus.set(HTTP_STATUS_OF[code], [...(byStatus.get(HTTP_STATUS_OF[code]) ?? []), `\`${code}\``]);
  return [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, codes]) => `- ${status}: ${codes.join(', ')}`)
    .join('\n');
}

const DESCRIPTION = [
  'The central REST endpoint of BPO CRM Desktop (hub-api.md). Every error is `{"error": {"code", "message"}}`; the codes by status:',
  errorTable(),
  '`already_exists` (a unique login, dealership code or stage name) and `unknown_reference` (an id or code in the body that names nothing) carry the field in `error.field`, and the message begins with it. A method a path does not serve answers 405 `method_not_allowed` with an `Allow` header. An operation with query parameters refuses one it does not list (400 naming it).',
].join('\n\n');

/** The OpenAPI 3 document, generated from the same zod schemas the routes parse with. */
export function buildOpenApi(routes: readonly AnyRouteSpec[]): JsonSchemaFragment {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const path = spec.root ? openApiPath(spec.url) : `/api/v1${openApiPath(spec.url)}`;
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operationOf(spec) };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'BPO CRM hub', version: '1.0.0', description: DESCRIPTION },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        intakeKey: { type: 'apiKey', in: 'header', name: 'X-Intake-Key' },
      },
    },
    paths,
  };
}
