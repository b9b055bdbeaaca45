import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorEnvelope } from '../../src-shared/contract/errors';
import { HubError } from './hub-error';
import { MAX_JSON_DEPTH, tooDeepAt } from './json-depth';

export interface ErrorLog {
  internal(requestId: string, error: unknown): void;
}

/** The methods served at a path (none for an unknown path): a wrong method on a known path is a 405. */
export type AllowedMethods = (path: string) => readonly string[];

function envelope(code: ErrorEnvelope['error']['code'], message: string, requestId?: string, facts: Partial<ErrorEnvelope['error']> = {}): ErrorEnvelope {
  return { error: { code, message, ...(requestId ? { requestId } : {}), ...facts } };
}

/**
 * Every error in the contract's envelope: refusals with their code; a wrong method on a known path as 405
 * with `Allow`, an unknown path as 404; fastify's own body errors as 400/413;
 * anything unexpected as 500 `internal` with the request id, logged where it happened, never a stack trace.
 */
export function installErrorHandling(app: FastifyInstance, log: ErrorLog, allowedMethods: AllowedMethods = () => []): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = allowedMethods(path);
    if (allowed.length > 0) {
      const message = `${request.method} is not served at ${path}: use ${allowed.join(', ')}.`;
      return reply.code(405).header('allow', allowed.join(', ')).send(envelope('method_not_allowed', message));
    }
    return reply.code(404).send(envelope('not_found', `No such endpoint: ${request.method} ${path}`));
  });

  app.setErrorHandler((error: FastifyError | HubError | Error, request, reply) => {
    if (error instanceof HubError) {
      return reply.code(error.status).send(envelope(error.code, error.message, undefined, error.facts));
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode;
    if (status === 413 || fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(envelope('payload_too_large', 'The request body is too large.'));
    }
    if (status === 415 || fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(400).send(envelope('invalid_input', 'Invalid body: send JSON with Content-Type: application/json.'));
    }
    if (status !== undefined && status >= 400 && status < 500) {
      const message = fastifyError.message.startsWith('Invalid') ? fastifyError.message : `Invalid request: ${fastifyError.message}`;
      return reply.code(400).send(envelope('invalid_input', message));
    }
    log.internal(request.id, error);
    return reply
      .code(500)
      .send(envelope('internal', `Something went wrong on the hub. Quote request id ${request.id} to your administrator.`, request.id));
  });
}

/**
 * JSON bodies: an empty body reads as no body; broken JSON is a 400 naming the problem. Any other content
 * type is accepted only when empty (clients that send a form content type on a bodiless POST).
 */
export function installJsonParser(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return done(badBody(`Invalid body: malformed JSON (${(error as Error).message}).`), undefined);
    }
    const deep = tooDeepAt(parsed);
    if (deep !== null) return done(badBody(`Invalid body: ${firstField(deep)}: nested deeper than ${MAX_JSON_DEPTH} levels.`), undefined);
    done(null, parsed);
  });
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    done(badBody('Invalid body: send JSON with Content-Type: application/json.'), undefined);
  });
}

function badBody(message: string): FastifyError {
  const problem = new Error(message) as FastifyError;
  problem.statusCode = 400;
  return problem;
}

/** The top-level field a too-deep path starts in: what the caller recognises in its own request. */
const firstField = (path: string): string => path.split('.')[0] ?? path;
