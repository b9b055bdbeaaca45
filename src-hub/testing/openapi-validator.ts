import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Json;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  pathNames: string[];
  /** Compiled at first use: a test file touches a few operations of the fifty. */
  query: () => ValidateFunction;
  path: () => ValidateFunction;
  body: (() => ValidateFunction) | null;
  bodyRequired: boolean;
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
  responseValidators: Map<string, ValidateFunction>;
}

/**
 * OpenAPI 3.0 Schema Objects as JSON Schema for ajv: `nullable` becomes a null alternative, and the draft-04
 * boolean `exclusiveMinimum`/`exclusiveMaximum` (beside `minimum`/`maximum`) the numbers later drafts use.
 */
export function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Json;
  const out: Json = {};
  for (const [key, item] of Object.entries(source)) {
    if (key === 'nullable') continue;
    // `properties` and `enum` hold data, not schema keywords: convert their members, not their keys.
    if (key === 'properties' && item && typeof item === 'object') {
      out[key] = Object.fromEntries(Object.entries(item as Json).map(([name, schema]) => [name, toJsonSchema(schema)]));
    } else if (key === 'enum' || key === 'default' || key === 'required') {
      out[key] = item;
    } else {
      out[key] = toJsonSchema(item);
    }
  }
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (out[flag] === true) {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) {
      delete out[flag];
    }
  }
  if (source['nullable'] === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

const describeErrors = (errors: readonly ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`.trim())
    .join('; ');

export interface RequestCheck {
  /** The documented operation (`POST /api/v1/leads/{id}/claim`), or null when the document has none for this method and path. */
  operation: string | null;
  /** Why the document calls this request invalid (empty: valid). */
  problems: string[];
}

/**
 * Validates requests and responses against the hub's served OpenAPI document with ajv, reading nothing but the
 * document: what an integrator generating a client from it would believe.
 */
export class OpenApiValidator {
  private readonly operations: Operation[] = [];
  private readonly ajv = new Ajv({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
  private readonly coercing = new Ajv({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, coerceTypes: true });

  constructor(readonly document: Json) {
    addFormats(this.ajv);
    addFormats(this.coercing);
    const paths = document['paths'] as Record<string, Record<string, Json>>;
    for (const [template, methods] of Object.entries(paths)) {
      const pathNames = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, '([^/]*)')}$`);
      for (const [method, operation] of Object.entries(methods)) {
        const parameters = (operation['parameters'] ?? []) as Parameter[];
        const objectOf = (where: 'path' | 'query') => {
          const chosen = parameters.filter((parameter) => parameter.in === where);
          return {
            type: 'object',
            properties: Object.fromEntries(chosen.map((parameter) => [parameter.name, toJsonSchema(parameter.schema)])),
            required: chosen.filter((parameter) => parameter.required).map((parameter) => parameter.name),
            // An operation with query parameters refuses one it does not know (a typo is a 400, not an
            // unfiltered list), as the document's description says; one without ignores the query.
            additionalProperties: !(where === 'query' && chosen.length > 0),
          };
        };
        const requestBody = operation['requestBody'] as { required?: boolean; content?: Record<string, { schema: Json }> } | undefined;
        const bodySchema = requestBody?.content?.['application/json']?.schema;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern,
          pathNames,
          query: once(() => this.coercing.compile(objectOf('query'))),
          path: once(() => this.coercing.compile(objectOf('path'))),
          body: bodySchema ? once(() => this.ajv.compile(toJsonSchema(bodySchema) as Json)) : null,
          bodyRequired: requestBody?.required === true,
          responses: operation['responses'] as Operation['responses'],
          responseValidators: new Map(),
        });
      }
    }
  }

  private find(method: string, path: string): { operation: Operation; params: Record<string, string> } | null {
    const candidates = this.operations.filter((operation) => operation.method === method && operation.pattern.test(path));
    // A literal segment wins over a parameter (`/leads/export.csv` over `/leads/{id}`), as the router decides.
    const operation = candidates.sort((a, b) => a.pathNames.length - b.pathNames.length)[0];
    if (!operation) return null;
    const values = operation.pattern.exec(path)?.slice(1) ?? [];
    return { operation, params: Object.fromEntries(operation.pathNames.map((name, index) => [name, decodeURIComponent(values[index] ?? '')])) };
  }

  /** Whether the document describes the request (`body` undefined: none was sent). */
  checkRequest(method: string, url: string, body: unknown): RequestCheck {
    const parsed = new URL(url, 'http://hub.invalid');
    const found = this.find(method, parsed.pathname);
    if (!found) return { operation: null, problems: [] };
    const { operation, params } = found;
    const problems: string[] = [];
    const query: Record<string, unknown> = {};
    for (const [name, value] of parsed.searchParams) query[name] = name in query ? [query[name], value].flat() : value;
    const pathCheck = operation.path();
    if (!pathCheck(params)) problems.push(`path: ${describeErrors(pathCheck.errors)}`);
    const queryCheck = operation.query();
    if (!queryCheck(query)) problems.push(`query: ${describeErrors(queryCheck.errors)}`);
    const bodyCheck = operation.body?.();
    if (body === undefined) {
      if (operation.bodyRequired) problems.push('body: required');
    } else if (bodyCheck && !bodyCheck(body)) {
      problems.push(`body: ${describeErrors(bodyCheck.errors)}`);
    } else if (!bodyCheck) {
      problems.push('body: the operation takes none');
    }
    return { operation: `${operation.method} ${operation.template}`, problems };
  }

  /**
   * Why the document does not describe this response (empty: it does). An operation the document lacks may
   * only answer 404 `not_found` or 405 `method_not_allowed`.
   */
  checkResponse(method: string, url: string, status: number, contentType: string | undefined, body: unknown): string[] {
    const path = new URL(url, 'http://hub.invalid').pathname;
    const found = this.find(method, path);
    if (!found) {
      const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
      // A body is parsed before the path is looked up: a broken or oversized one is refused on any path.
      const expected = { 400: 'invalid_input', 404: 'not_found', 405: 'method_not_allowed', 413: 'payload_too_large' }[status];
      return expected && code === expected ? [] : [`${method} ${path} is not in the document, yet answered ${status}${typeof code === 'string' ? ` ${code}` : ''}`];
    }
    const { operation } = found;
    const name = `${operation.method} ${operation.template}`;
    const response = operation.responses[String(status)];
    if (!response) return [`${name}: status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    if (!response.content) return body === undefined || body === '' || body === null ? [] : [`${name} ${status}: a body the document does not describe`];
    const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
    const media = response.content[mediaType];
    if (!media) return [`${name} ${status}: content type "${mediaType}" is not documented (documented: ${Object.keys(response.content).join(', ')})`];
    if (mediaType !== 'application/json' || !media.schema) return [];
    const key = `${status} ${mediaType}`;
    let validate = operation.responseValidators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(media.schema) as Json);
      operation.responseValidators.set(key, validate);
    }
    if (validate(body)) return [];
    const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
    const what = typeof code === 'string' ? `error ${code}` : 'body';
    return [`${name} ${status}: ${what} does not match the document: ${describeErrors(validate.errors)}`];
  }
}
