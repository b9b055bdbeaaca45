import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { useReplica } from '../../app/ReplicaProvider';
import type { ReplicaDb } from '../../db/replica-db';
import { ACTIVITY_GROUPS, withLeads, type MyActivity } from './my-activities';

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
 * Home's groups straight from the `[openFor+dueAt]` index: overdue (due before today), today, planned (from
 * tomorrow on) are three ranges of it, so each group's count is an index count and only the rows shown are
 * read, with their leads — never every open activity of a full pipeline.
 */
export async function loadHomeGroups(db: ReplicaDb, userId: string, now: Date, shown: Readonly<Record<ActivityState, number>>): Promise<HomeGroups> {
  const { start, end } = todayBounds(now);
  const ranges: Record<ActivityState, [unknown, unknown]> = { overdue: [Dexie.minKey, start], today: [start, end], planned: [end, Dexie.maxKey] };
  const groups = await Promise.all(
    ACTIVITY_GROUPS.map(async (state) => {
      const [from, to] = ranges[state];
      // Lower bound in, upper bound out: an activity due at midnight is that day's.
      const range = () => db.activities.where('[openFor+dueAt]').between([userId, from], [userId, to], true, false);
      const [count, rows] = await Promise.all([range().count(), range().limit(shown[state]).toArray()]);
      return { count, rows };
    }),
  );
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
