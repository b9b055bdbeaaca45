/** No request of the contract nests deeper; a body that does is refused before any code walks it recursively. */
export const MAX_JSON_DEPTH = 64;

/**
 * The path (`args.0.0`) down to the first value nested deeper than `limit`, or null. Iterative: JSON.parse takes
 * any depth, but JSON.stringify and the schema checks recurse and overflow the stack on thousands of levels.
 */
export function tooDeepAt(value: unknown, limit = MAX_JSON_DEPTH): string | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next || typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= limit) return next.path || '(body)';
    for (const [key, child] of Object.entries(next.value)) {
      stack.push({ value: child, depth: next.depth + 1, path: next.path ? `${next.path}.${key}` : key });
    }
  }
  return null;
}
