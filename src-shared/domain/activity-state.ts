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

/**
 * Like Odoo's activity state, by calendar day: due on an earlier day is overdue, on today's date is today
 * (even if the hour has passed), on a later day is planned.
 */
export function activityState(dueAt: string | Date, now: Date, timeZone: string): ActivityState {
  const due = localDay(typeof dueAt === 'string' ? new Date(dueAt) : dueAt, timeZone);
  const today = localDay(now, timeZone);
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
    const state = activityState(activity.dueAt, now, timeZone);
    if (worst === null || severity[state] > severity[worst]) worst = state;
  }
  return worst;
}
