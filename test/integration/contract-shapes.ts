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
 * Keywords that only describe or narrow values the schema already types (a format, a length, a range, a
 * pattern, a text): an app parsing the answer reads the same fields of the same types whatever they say, so
 * the shape leaves them out — a document that states more of what the hub already did is not a new shape.
 */
const NARROWING = new Set(['description', 'title', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'default', 'example', 'examples', 'multipleOf']);

function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !NARROWING.has(key)).map(([key, item]) => [key, shapeOf(item)]));
  }
  return value;
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
        shapes[`${method.toUpperCase()} ${path} ${status}`] = createHash('sha256').update(canonical(shapeOf(response.content ?? null))).digest('hex').slice(0, 16);
      }
    }
  }
  return shapes;
}

/** The shape of an answer the document did not describe (no body, or one left undescribed then). */
export const UNDESCRIBED_SHAPE = createHash('sha256').update(canonical(null)).digest('hex').slice(0, 16);
