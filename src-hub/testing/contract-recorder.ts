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

/** One document's validator, compiled once per test file: every hub of a run serves the same document. */
export function contractValidatorFor(document: Record<string, unknown>): OpenApiValidator {
  const key = JSON.stringify(document['paths'] ?? {});
  let validator = validators.get(key);
  if (!validator) {
    validator = new OpenApiValidator(document);
    validators.set(key, validator);
  }
  return validator;
}

// Each hub's validator, found without serialising its document again: that key costs milliseconds per request.
const hubValidators = new WeakMap<HubContext, OpenApiValidator>();

function validatorOf(hub: HubContext): OpenApiValidator {
  let validator = hubValidators.get(hub);
  if (!validator) {
    validator = contractValidatorFor(buildOpenApi(hub.routes));
    hubValidators.set(hub, validator);
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

/** One request and its answer, as a hook or a proxy saw them (bodies as sent: text, bytes or already parsed). */
export interface Exchange {
  method: string;
  url: string;
  requestBody: unknown;
  status: number;
  contentType: string | undefined;
  responseBody: unknown;
}

/** Checks one exchange against the document and records what it does not describe. */
export function checkExchange(validator: OpenApiValidator, exchange: Exchange): void {
  const { method, url, status, contentType } = exchange;
  if (method === 'HEAD') return;
  try {
    for (const problem of validator.checkResponse(method, url, status, contentType, parsedPayload(exchange.responseBody, contentType))) note(problem);
    if (status < 300) {
      const { operation, problems } = validator.checkRequest(method, url, exchange.requestBody);
      if (operation && problems.length > 0) note(`${operation}: answered ${status} to a request the document refuses (${problems.join('; ')})`);
    }
  } catch (error) {
    note(`the contract check itself failed on ${method} ${url}: ${(error as Error).message}`);
  }
}

/** `instrument` for buildHub: an onSend hook that checks the request and the answer. */
export function recordContract(app: FastifyInstance, hub: HubContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    checkExchange(validatorOf(hub), {
      method: request.method,
      url: request.url,
      requestBody: request.body,
      status: reply.statusCode,
      contentType: reply.getHeader('content-type') as string | undefined,
      responseBody: payload,
    });
    return payload;
  });
}

/** The breaches recorded so far (each with how often it happened), and forgets them. */
export function takeContractBreaches(): string[] {
  const list = [...breaches].map(([breach, count]) => (count > 1 ? `${breach} (${count} times)` : breach));
  breaches.clear();
  return list;
}

/**
 * For traffic seen from outside a hub process (the floor rehearsal's proxies): reads the hub's served
 * document once, then checks each exchange as the in-process hook does.
 */
export function recordProxiedContract(hubUrl: () => string): (exchange: ProxiedBytes) => void {
  let validator: Promise<OpenApiValidator> | undefined;
  return (exchange) => {
    validator ??= fetch(`${hubUrl()}/api/v1/openapi.json`)
      .then((answer) => answer.json() as Promise<Record<string, unknown>>)
      .then(contractValidatorFor);
    const json = (exchange.requestContentType ?? '').startsWith('application/json') && exchange.requestBody.length > 0;
    let requestBody: unknown = undefined;
    try {
      requestBody = json ? (JSON.parse(exchange.requestBody.toString('utf8')) as unknown) : undefined;
    } catch {
      requestBody = exchange.requestBody.toString('utf8');
    }
    void validator.then(
      (ready) => checkExchange(ready, { method: exchange.method, url: exchange.url, requestBody, status: exchange.status, contentType: exchange.contentType, responseBody: exchange.responseBody ?? undefined }),
      (error: unknown) => note(`the contract check could not read the hub's document: ${(error as Error).message}`),
    );
  };
}

/** What a proxy saw (test/harness/hub-proxy.ts ProxiedExchange; src-hub does not import test/). */
interface ProxiedBytes {
  method: string;
  url: string;
  requestContentType: string | undefined;
  requestBody: Buffer;
  status: number;
  contentType: string | undefined;
  responseBody: Buffer | null;
}
