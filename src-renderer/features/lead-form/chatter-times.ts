/** A piece of a chatter body: plain text, or a moment the hub wrote in UTC, to be shown in local time. */
export type BodyPart = { text: string } | { time: string; written: string };

// What the hub writes: an ISO-8601 UTC instant ("2026-03-05T09:00:00.000Z"); entries from before that
// read "2026-03-05 09:00 UTC". Both say UTC explicitly, so either is a moment, not a wall-clock time.
const HUB_TIME = /\b(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,3})?)?Z| (\d{2}:\d{2}) UTC)(?!\w)/g;

/** Splits a body into text and the UTC moments in it (as ISO instants); a body without one is one text part. */
export function splitHubTimes(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(HUB_TIME)) {
    const [written, date, isoTime, seconds, utcTime] = match;
    const instant = new Date(`${date}T${isoTime ?? utcTime}${seconds ?? ':00'}Z`);
    if (Number.isNaN(instant.getTime())) continue;
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ time: instant.toISOString(), written });
    last = match.index + written.length;
  }
  if (last < body.length || parts.length === 0) parts.push({ text: body.slice(last) });
  return parts;
}
