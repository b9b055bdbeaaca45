/** `YYYY-MM-DD` and `HH:MM` of a date input and a time input, read in the user's time zone, as ISO UTC; null when incomplete or invalid. */
export function localToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const instant = new Date(`${date}T${time}:00`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Defaults for a follow-up: tomorrow at 10:00, local time. */
export function tomorrowAtTen(now = new Date()): { date: string; time: string } {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { date: `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`, time: '10:00' };
}

const shortFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "12 Mar 2026, 10:00" in the user's locale. */
export function formatWhen(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : shortFormat.format(instant);
}
