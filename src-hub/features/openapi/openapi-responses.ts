import { errorEnvelopeSchema, HTTP_STATUS_OF, type HubErrorCode } from '../../../src-shared/contract/errors';
import type { JsonSchemaFragment } from '../../../src-shared/contract/openapi-hints';
import type { AnyRouteSpec } from '../../http/route';
import { schemaOf } from './openapi-schema';

/**
 * The error codes a route can answer: `invalid_input` (a NUL character in any input, a malformed body) and
 * `internal` everywhere; the credentials its `auth` asks for; `not_found` with a path id; `payload_too_large`
 * for a method with a body; and the route's own (`spec.errors`).
 */
export function errorCodesOf(spec: AnyRouteSpec): HubErrorCode[] {
  const codes = new Set<HubErrorCode>(['invalid_input', 'internal']);
  // The app-version gate answers every API route (not the operators' root endpoints) 426 for an old app.
  if (!spec.root) codes.add('update_required');
  if (spec.auth !== 'none') {
    codes.add('unauthenticated');
    codes.add('session_expired');
  }
  if (spec.params) codes.add('not_found');
  if (spec.method === 'POST' || spec.method === 'PATCH') codes.add('payload_too_large');
  for (const code of spec.errors ?? []) codes.add(code);
  return [...codes];
}

/** The error envelope of one status, its `code` limited to the codes this route answers with it. */
function envelopeFor(codes: readonly HubErrorCode[]): JsonSchemaFragment {
  const envelope = structuredClone(schemaOf(errorEnvelopeSchema, 'output'));
  const error = (envelope['properties'] as Record<string, JsonSchemaFragment>)['error'];
  const properties = error?.['properties'] as Record<string, JsonSchemaFragment> | undefined;
  if (properties) properties['code'] = { type: 'string', enum: [...codes] };
  return envelope;
}

function successContent(spec: AnyRouteSpec): JsonSchemaFragment | undefined {
  if (spec.response) return { 'application/json': { schema: schemaOf(spec.response, 'output') } };
  if (spec.contentType) return Object.fromEntries([spec.contentType, ...(spec.otherContentTypes ?? [])].map((type) => [type, { schema: { type: 'string' } }]));
  return undefined;
}

/** Every status the route can answer: its success (and alternative success) status and each error status with its codes. */
export function responsesOf(spec: AnyRouteSpec): Record<string, JsonSchemaFragment> {
  const responses: Record<string, JsonSchemaFragment> = {};
  const status = spec.status ?? (spec.response || spec.contentType || spec.raw ? 200 : 204);
  const content = status === 204 ? undefined : successContent(spec);
  responses[String(status)] = { description: spec.successDescription ?? 'Success', ...(content ? { content } : {}) };
  for (const other of spec.otherSuccesses ?? []) {
    responses[String(other.status)] = { description: other.description, ...(content ? { content } : {}) };
  }
  // Another status with the success body (a readiness probe's 503 names the failing checks in it).
  for (const [other, description] of Object.entries(spec.alsoStatuses ?? {})) {
    responses[other] = { description, ...(content ? { content } : {}) };
  }
  const byStatus = new Map<number, HubErrorCode[]>();
  for (const code of errorCodesOf(spec)) byStatus.set(HTTP_STATUS_OF[code], [...(byStatus.get(HTTP_STATUS_OF[code]) ?? []), code]);
  for (const [errorStatus, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(errorStatus)] = { description: codes.join(', '), content: { 'application/json': { schema: envelopeFor(codes) } } };
  }
  return responses;
}
