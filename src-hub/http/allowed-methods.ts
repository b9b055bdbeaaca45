import type { AnyRouteSpec } from './route';

/** `/leads/:id/claim` → a pattern matching `/leads/42/claim` (a path parameter is one segment). */
function patternOf(prefix: string, url: string): RegExp {
  const escaped = `${prefix}${url}`
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * The methods the hub serves at a concrete path (HEAD with every GET: fastify answers it), for the `Allow`
 * header of a 405. Read from the route list on each call: routes register after the error handling.
 */
export function allowedMethodsFor(routes: readonly AnyRouteSpec[], prefix: string): (path: string) => string[] {
  return (path) => {
    const methods = new Set<string>();
    for (const spec of routes) {
      // The operators' endpoints (/healthz, /metrics) live at the root, not under the API prefix.
      if (!patternOf(spec.root ? '' : prefix, spec.url).test(path)) continue;
      methods.add(spec.method);
      if (spec.method === 'GET') methods.add('HEAD');
    }
    return [...methods].sort();
  };
}
