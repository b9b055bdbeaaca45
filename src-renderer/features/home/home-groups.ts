import { useLiveQuery } from 'dexie-react-hooks';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { useReplica } from '../../app/ReplicaProvider';
import type { ReplicaDb } from '../../db/replica-db';
import { ACTIVITY_GROUPS, dueBetween, readOpenActivities, withLeads, type MyActivity } from './my-activities';

export interface HomeGroup {
  /** Every open activity of the user in the group. */
  count: number;
  /** The first of them, soonest first, as many as asked for. */
  rows: MyActivity[];
}

export type HomeGroups = Record<ActivityState, HomeGroup>;

/**
 * Where today starts and ends on the workstation's clock, as the hub writes instants (ISO UTC). Local midnight
 * is a whole second, so a due time written with or without milliseconds sorts on the right side of it.
 */
export function todayBounds(now: Date): { start: string; end: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { start: start.toISOString(), end: end.toISOString() };
}

/**
 * Home's groups from the user's open activities, soonest first: overdue (due before today), today, planned (from
 * tomorrow on) are three stretches of it; only the rows shown are joined with their leads.
 */
export async function loadHomeGroups(db: ReplicaDb, userId: string, now: Date, shown: Readonly<Record<ActivityState, number>>): Promise<HomeGroups> {
  const { start, end } = todayBounds(now);
  const ranges: Record<ActivityState, [string | undefined, string | undefined]> = { overdue: [undefined, start], today: [start, end], planned: [end, undefined] };
  const open = await readOpenActivities(db, userId);
  const groups = ACTIVITY_GROUPS.map((state) => {
    const [from, to] = ranges[state];
    // Lower bound in, upper bound out: an activity due at midnight is that day's.
    const inGroup = dueBetween(open, from, to, false);
    return { count: inGroup.length, rows: inGroup.slice(0, shown[state]) };
  });
  const withLead = await withLeads(db, groups.flatMap((group) => group.rows));
  let offset = 0;
  const result = {} as HomeGroups;
  ACTIVITY_GROUPS.forEach((state, index) => {
    const group = groups[index] ?? { count: 0, rows: [] };
    result[state] = { count: group.count, rows: withLead.slice(offset, offset + group.rows.length) };
    offset += group.rows.length;
  });
  return result;
}

/** Live: a change to the user's activities or to a shown lead reads the groups again; the day moves at midnight. */
export function useHomeGroups(userId: string, now: Date, shown: Readonly<Record<ActivityState, number>>): HomeGroups | undefined {
  const { db } = useReplica();
  const today = todayBounds(now).start;
  return useLiveQuery(() => loadHomeGroups(db, userId, now, shown), [db, userId, today, shown.overdue, shown.today, shown.planned]);
}
