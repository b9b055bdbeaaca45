import type { FastifyInstance } from 'fastify';
import { buildOpenApi } from '../features/openapi/openapi-document';
import type { HubContext } from '../hub-context';
import { OpenApiValidator } from './openapi-validator';

/**
 * The contract check of `npm test`: every request a test hub receives and every answer it gives is checked
 * against the hub's own OpenAPI document (the one GET /openapi.json serves, built from the same route list),
 * with ajv — what a client generated from the document would expect. Breaches are collected for the test
 * file and reported, naming each route, by the node project's setup file (test/setup/contract-check.setup.ts).
 */
const breaches = new Map<string, number>();
const validators = new Map<string, OpenApiValidator>();

function validatorOf(hub: HubContext): OpenApiValidator {
  // Every hub of a test run registers the same routes: one document, compiled once per file.
  const key = hub.routes.map((spec) => `${spec.method} ${spec.url}`).join('\n');
  let validator = validators.get(key);
  if (!validator) {
    validator = new OpenApiValidator(buildOpenApi(hub.routes));
    validators.set(key, validator);
  }
  return validator;
}

function note(breach: string): void {
  breaches.set(breach, (breaches.get(breach) ?? 0) + 1);
}

function parsedPayload(payload: unknown, contentType: string | undefined): unknown {
  if (payload === null || payload === undefined) return undefined;
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
  if (text === null) return undefined; // a stream (CSV export): its media type is checked, not its bytes
  if (!(contentType ?? '').startsWith('application/json')) return text;
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/** `instrument` for buildHub: an onSend hook that checks the request and the answer. */
export function recordContract(app: FastifyInstance, hub: HubContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'HEAD') return payload;
    try {
      const validator = validatorOf(hub);
      const contentType = reply.getHeader('content-type') as string | undefined;
      const status = reply.statusCode;
      for (const problem of validator.checkResponse(request.method, request.url, status, contentType, parsedPayload(payload, contentType))) note(problem);
      if (status < 300) {
        const { operation, problems } = validator.checkRequest(request.method, request.url, request.body);
        if (operation && problems.length > 0) note(`${operation}: answered ${status} to a request the document refuses (${problems.join('; ')})`);
      }
    } catch (error) {
      note(`the contract check itself failed on ${request.method} ${request.url}: ${(error as Error).message}`);
    }
    return payload;
  });
}

/** The breaches recorded so far (each with how often it happened), and forgets them. */
export function takeContractBreaches(): string[] {
  const list = [...breaches].map(([breach, count]) => (count > 1 ? `${breach} (${count} times)` : breach));
  breaches.clear();
  return list;
}
