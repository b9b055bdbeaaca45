const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Age for a card: "3 d 4 h", "5 h 12 min", "7 min"; never negative (clock skew shows "0 min"). */
export function formatAge(since: string, now: Date): string {
  return formatDuration(now.getTime() - new Date(since).getTime());
}

/** A duration as a card shows an age: "3 d 4 h", "5 h 12 min", "7 min" (under a minute, or negative: "0 min"). */
export function formatDuration(ms: number): string {
  const elapsed = Math.max(0, ms);
  const days = Math.floor(elapsed / DAY);
  const hours = Math.floor((elapsed % DAY) / HOUR);
  const minutes = Math.floor((elapsed % HOUR) / MINUTE);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min`;
}

/**
 * A wait on a card: minutes in the first hour, when each one counts ("42 min"), then hours ("17 h") and days
 * ("2 d 16 h"); short enough to sit beside the lead's reference without cutting it. The tooltip has the
 * exact arrival time.
 */
export function formatWait(since: string, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - new Date(since).getTime());
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h`;
  return formatDuration(elapsed);
}

// One formatter for every card: toLocaleString() builds a new one per call, which shows when a column scrolls.
const createdFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Created 12 Mar 2026, 10:00" for a card's tooltip, in the user's locale and time zone. */
export function createdTitle(createdAt: string): string {
  const instant = new Date(createdAt);
  return `Created ${Number.isNaN(instant.getTime()) ? createdAt : createdFormat.format(instant)}`;
}
