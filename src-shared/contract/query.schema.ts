import { z } from 'zod';
import { documented } from './openapi-hints';

const WHOLE_NUMBER = /^-?\d{1,15}$/;

/**
 * A whole number in a query string. Query values arrive as strings; `z.coerce.number()` would turn "abc" into
 * NaN and "" into 0, so the text must be digits. Numbers are accepted too, so a client can build a typed
 * query object (`z.input`) with `limit: 20`. A repeated parameter (an array) is refused.
 */
export function queryInt(min: number, max: number) {
  const parsed = z
    .union([z.string(), z.number()], { error: 'Must be a whole number' })
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? String(value) : value.trim();
      if (!WHOLE_NUMBER.test(text)) {
        ctx.issues.push({ code: 'custom', message: 'Must be a whole number', input: value });
        return z.NEVER;
      }
      return Number(text);
    })
    .pipe(z.int().min(min, `Must be at least ${min}`).max(max, `Must be at most ${max}`));
  // On the wire a query value is text; the document says what that text must be.
  return documented(parsed, { replace: { type: 'integer', minimum: min, maximum: max } });
}

/** A boolean in a query string: `true`/`false` (or `1`/`0`); anything else is refused, never guessed. */
export function queryBoolean() {
  const parsed = z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: 'Must be true or false' })
    .transform((value) => value === true || value === 'true' || value === '1');
  return documented(parsed, { replace: { type: 'boolean' }, rule: '1 and 0 are accepted too.' });
}

/**
 * A free-text search term: trimmed and bounded; an empty term means "no search" rather than an error, so a
 * cleared search box can be sent as is.
 */
export function querySearch(max: number) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((value) => (value ? value : undefined));
}
