import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

const users = new WeakMap<FastifyRequest, string>();
/** Asked every few seconds by every load balancer and scraper: their successes are debug lines, not info. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** Called once a request is authenticated, so its log line names the user. */
export function noteRequestUser(request: FastifyRequest, userId: string): void {
  users.set(request, userId);
}

/** The route's pattern (`/api/v1/leads/:id/claim`), never the URL: paths and queries may hold a search for a phone number. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(no route)';
}

/**
 * Fastify's request lines, as the hub writes them: one line per finished request with its id (`reqId`,
 * bound by fastify), method, route, status, duration and user id — no URL, header or body. Requests that go
 * wrong inside the hub are logged with their error by the error handler.
 */
export class HubLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ method: request.method, route: routeOf(request) }, 'request started');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: routeOf(request),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: users.get(request) ?? null,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (PROBES.has(line.route) && line.status < 400) reply.log.debug(line, 'request completed');
    else reply.log.info(line, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ method: request.method }, 'no such route');
  }
}
