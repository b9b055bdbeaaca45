const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/;

/**
 * Whether PostgreSQL takes this text as a `timestamptz` (the form `created_at::text` writes). Keyset cursors
 * come back from clients, so a forged one with 2026-02-30 or the year 0000 must be a 400, not a cast error —
 * JavaScript's Date.parse rolls such dates over instead of refusing them. Years are held to 1900–9999, as the
 * schemas hold every time field.
 */
export function isStorableTimestamp(text: string): boolean {
  const parts = TIMESTAMP.exec(text);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
