/** The kanban pill: red overdue, yellow due today, green planned — "today" in the user's time zone. */
export type ActivityState = 'overdue' | 'today' | 'planned';

export const ACTIVITY_STATE_COLORS: Record<ActivityState, 'red' | 'yellow' | 'green'> = {
  overdue: 'red',
  today: 'yellow',
  planned: 'green',
};

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, format);
  }
  return format.format(instant);
}

/** Due days already worked out, per time zone and due time: a board asks for the same thousands on every change. */
const dueDays = new Map<string, string>();
const DUE_DAYS_KEPT = 100_000;

function dueDay(dueAt: string | Date, timeZone: string): string {
  const key = `${timeZone}|${typeof dueAt === 'string' ? dueAt : dueAt.toISOString()}`;
  let day = dueDays.get(key);
  if (day === undefined) {
    day = localDay(typeof dueAt === 'string' ? new Date(dueAt) : dueAt, timeZone);
    if (dueDays.size >= DUE_DAYS_KEPT) dueDays.clear();
    dueDays.set(key, day);
  }
  return day;
}

/**
 * Like Odoo's activity state, by calendar day: due on an earlier day is overdue, on today's date is today
 * (even if the hour has passed), on a later day is planned.
 */
export function activityState(dueAt: string | Date, now: Date, timeZone: string): ActivityState {
  return stateOnDay(dueDay(dueAt, timeZone), today(now, timeZone));
}

/** The last "today" worked out: a board asks it for every lead with the same `now`. */
let lastToday = { timeZone: '', ms: Number.NaN, day: '' };

function today(now: Date, timeZone: string): string {
  const ms = now.getTime();
  if (lastToday.ms !== ms || lastToday.timeZone !== timeZone) lastToday = { timeZone, ms, day: localDay(now, timeZone) };
  return lastToday.day;
}

function stateOnDay(due: string, today: string): ActivityState {
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return 'planned';
}

const severity: Record<ActivityState, number> = { overdue: 2, today: 1, planned: 0 };

/** The pill of a lead: the most urgent of its open activities, or null when it has none. */
export function leadActivityState(
  activities: ReadonlyArray<{ dueAt: string; done: boolean }>,
  now: Date,
  timeZone: string,
): ActivityState | null {
  let worst: ActivityState | null = null;
  for (const activity of activities) {
    if (activity.done) continue;
    const state = stateOnDay(dueDay(activity.dueAt, timeZone), today(now, timeZone));
    if (worst === null || severity[state] > severity[worst]) worst = state;
  }
  return worst;
}
