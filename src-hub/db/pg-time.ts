import pg from 'pg';

/**
 * A time as the hub's queries give it: a Date (node-postgres and PGlite parse every `timestamptz`), or
 * PostgreSQL's own text where a query asked for text (`QueryOptions.timesAsText`). A sync page of 10,000 leads holds
 * 30,000 times that only go on to the wire as ISO text: parsing each into a Date and printing it again was the
 * largest part of the hub's JavaScript for such a page (12 % of its CPU in a profile, and garbage for the collector).
 */
export type PgTime = Date | string;

/** The type ids whose values `timesAsText` keeps as text: timestamptz and timestamp. */
export const TIME_TYPE_IDS = [1184, 1114] as const;

const parseTimestamptz = pg.types.getTypeParser(1184) as (text: string) => Date;

/** The ISO-8601 UTC text of a time (`2026-01-31T09:00:00.123Z`), exactly as `Date.toISOString` prints it. */
export function isoTime(time: PgTime): string {
  if (time instanceof Date) return time.toISOString();
  const utc = utcTextToIso(time);
  if (utc !== null) return utc;
  // PostgreSQL's text in another zone (a space between date and time) as node-postgres reads it; other text
  // (ISO, from JavaScript) as JavaScript reads it. Text that is no time throws, as an invalid Date does.
  return (time.charCodeAt(10) === 32 ? parseTimestamptz(time) : new Date(time)).toISOString();
}

/**
 * PostgreSQL's text of a UTC time (`2026-01-31 09:00:00.123456+00`, the session in UTC) as ISO text with
 * milliseconds, the microseconds cut as a Date cuts them; null for any other text (another zone's offset,
 * ISO text, BC or infinity), which then goes the Date way.
 */
function utcTextToIso(text: string): string | null {
  const length = text.length;
  if (length < 22 || text.charCodeAt(10) !== 32 /* space */ || !text.endsWith('+00') || text.charCodeAt(4) !== 45 /* - */) return null;
  if (length === 22) return `${text.slice(0, 10)}T${text.slice(11, 19)}.000Z`;
  if (text.charCodeAt(19) !== 46 /* . */) return null;
  const fraction = text.slice(20, length - 3);
  if (fraction.length === 0 || fraction.length > 6) return null;
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0')}Z`;
}
