import { createHash } from 'node:crypto';

type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>> };

/** JSON with sorted keys: the same document always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What an app reads from each /api/v1 operation: its success answers' schemas, one hash per
 * `METHOD /path status` of the hub's OpenAPI document (generated from the zod schemas the app parses with).
 */
export function successShapes(document: OpenApi): Record<string, string> {
  const shapes: Record<string, string> = {};
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('2')) continue;
        shapes[`${method.toUpperCase()} ${path} ${status}`] = createHash('sha256').update(canonical(response.content ?? null)).digest('hex').slice(0, 16);
      }
    }
  }
  return shapes;
}
