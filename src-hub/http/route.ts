import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HubErrorCode } from '../../src-shared/contract/errors';
import { formatIssues } from '../../src-shared/contract/format-issues';
import { HubError } from './hub-error';
import type { AuthUser } from '../features/auth/auth-user';
import type { HubContext } from '../hub-context';
import { noteRequestUser } from '../features/logging/request-log';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** Who may call a route: anyone, a signed-in user (bearer token), or the distributor feed (intake key). */
export type RouteAuth = 'none' | 'user' | 'intake';

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: HttpMethod;
  url: string;
  summary: string;
  /** A longer description for the OpenAPI document (the rules a route applies). */
  description?: string;
  tag: string;
  auth: RouteAuth;
  body?: B;
  query?: Q;
  params?: P;
  /** The success body's schema (documented in the OpenAPI; the hub's own answers are built typed). */
  response?: z.ZodType;
  /** The success status when it is not 200. */
  status?: number;
  /** The success response's description in the OpenAPI document. */
  successDescription?: string;
  /** Other success statuses with the same body (`POST /leads`: 200 when merged), for the OpenAPI document. */
  otherSuccesses?: ReadonlyArray<{ status: number; description: string }>;
  /** The route's own error codes (the generic ones are implied: openapi-responses.ts). */
  errors?: readonly HubErrorCode[];
  /** Answer with something other than JSON (CSV, event stream): the handler writes the reply itself. */
  raw?: boolean;
  /** A raw route's success media type (`text/csv`), for the OpenAPI document. */
  contentType?: string;
  /** Further success media types a raw route answers (an update feed is YAML beside the installers). */
  otherContentTypes?: readonly string[];
  /** Other statuses answered with the success body's schema, not the error envelope (`/readyz`: 503). */
  alsoStatuses?: Record<number, string>;
  /** Served at the root instead of under /api/v1 (probes and metrics for operators); `app` must be the root instance. */
  root?: boolean;
}

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** Set on `auth: 'user'` routes. */
  user: AuthUser;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/** PostgreSQL text cannot hold NUL: such input is refused here, before it could become a database error. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path || 'value';
    const found = findNul(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  const nul = findNul(value, '');
  if (nul) throw new HubError('invalid_input', `Invalid ${where}: ${nul}: must not contain NUL characters`);
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw new HubError('invalid_input', `Invalid ${where}: ${formatIssues(result.error)}`);
  return result.data;
}

/**
 * Sends a handler's result as JSON, encoded once: a string payload is measured by fastify (Buffer.byteLength, for
 * Content-Length) and encoded again as it is written, two passes over every byte; a sync page runs to megabytes
 * (the hub's CPU profile over bench:sync: 357 ms in the measuring alone). A string or null is sent as before.
 */
function sendJson(reply: FastifyReply, result: unknown): FastifyReply {
  if (typeof result === 'string' || result === null) return reply.send(result);
  return reply.type('application/json; charset=utf-8').send(Buffer.from(JSON.stringify(result), 'utf8'));
}

/**
 * Registers one route: parses path, query and body with the shared schemas (400 `invalid_input` naming the
 * field), authenticates, and records the spec for the OpenAPI document — one contract per boundary.
 */
export function route<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  hub: HubContext,
  spec: RouteSpec<B, Q, P>,
  handler: (input: RouteInput<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>,
): void {
  hub.routes.push(spec as unknown as AnyRouteSpec);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const user = spec.auth === 'user' ? await hub.auth.authenticate(request) : (undefined as unknown as AuthUser);
      if (spec.auth === 'user') noteRequestUser(request, user.id);
      if (spec.auth === 'intake') await hub.auth.authenticateIntake(request);
      const params = parse(spec.params, request.params, 'path');
      const query = parse(spec.query, request.query, 'query');
      const body = parse(spec.body, request.body, 'body');
      const result = await handler({ body, query, params, user, request, reply });
      if (spec.raw) return reply;
      if (result === undefined) return reply.code(spec.status ?? 204).send();
      return sendJson(reply.code(spec.status ?? 200), result);
    },
  });
}
