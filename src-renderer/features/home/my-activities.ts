import type { Activity } from '../../../src-shared/contract/entities.schema';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { hubActivityOf, type ReplicaActivity } from '../../db/activity-key';
import type { ReplicaDb } from '../../db/replica-db';
import { readLeads } from '../../db/lead-store';
import { readHistory, type HistoryIndex } from '../../db/history-store';

/** An open activity with what Home shows of its lead. */
export interface MyActivity extends Activity {
  leadRef: string | null;
  customerName: string | null;
}

export const ACTIVITY_GROUPS: readonly ActivityState[] = ['overdue', 'today', 'planned'];

/** The user's open activities, soonest first, each with its lead's reference and customer. */
export async function loadMyOpenActivities(db: ReplicaDb, userId: string): Promise<MyActivity[]> {
  return withLeads(db, [...(await readOpenActivities(db, userId))]);
}

/** The user's open activities due in (since, now]. */
export async function loadMyActivitiesDueIn(db: ReplicaDb, userId: string, since: Date, now: Date): Promise<MyActivity[]> {
  // Due times are ISO instants from the hub; the range is widened by a second each side, then checked exactly.
  const from = new Date(since.getTime() - 1_000).toISOString();
  const to = new Date(now.getTime() + 1_000).toISOString();
  const open = await readOpenActivities(db, userId);
  return withLeads(db, dueBetween(open, from, to).filter((activity) => fellDueIn(activity.dueAt, since, now)));
}

const openByUser = new WeakMap<HistoryIndex<ReplicaActivity>, Map<string, readonly ReplicaActivity[]>>();

/**
 * The user's open activities, soonest first (equal due times by id); live when read in a live query. Worked out once
 * per user and state of the activities, then kept: Home and the due check ask for it every minute.
 */
export async function readOpenActivities(db: ReplicaDb, userId: string): Promise<readonly ReplicaActivity[]> {
  const index = await readHistory(db, 'activities');
  const ofIndex = openByUser.get(index) ?? new Map<string, readonly ReplicaActivity[]>();
  openByUser.set(index, ofIndex);
  let open = ofIndex.get(userId);
  if (!open) {
    open = index
      .all()
      .filter((activity) => activity.openFor === userId)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    ofIndex.set(userId, open);
  }
  return open;
}

/** The activities (soonest first) due from `from` (included) to `to` (excluded unless `toIncluded`); absent bounds are open. */
export function dueBetween(activities: readonly ReplicaActivity[], from: string | undefined, to: string | undefined, toIncluded = true): ReplicaActivity[] {
  return activities.filter((activity) => (from === undefined || activity.dueAt >= from) && (to === undefined || activity.dueAt < to || (toIncluded && activity.dueAt === to)));
}

/** The activities with their leads' reference and customer, in the same order. */
export async function withLeads(db: ReplicaDb, activities: ReplicaActivity[]): Promise<MyActivity[]> {
  const leads = await readLeads(db);
  return activities.map((stored) => {
    const activity = hubActivityOf(stored);
    const lead = leads.get(activity.leadId);
    return { ...activity, leadRef: lead?.ref ?? null, customerName: lead?.customer.name ?? null };
  });
}

/**
 * The activities that fell due in (since, now] and were not notified yet. Ones already overdue before
 * `since` are on Home in red; a burst of notifications for them at sign-in would only be noise.
 */
export function dueToNotify<T extends { id: string; dueAt: string }>(activities: readonly T[], notified: ReadonlySet<string>, since: Date, now: Date): T[] {
  return activities.filter((activity) => fellDueIn(activity.dueAt, since, now) && !notified.has(activity.id));
}

/** Did this ISO due time fall in (since, now]? */
function fellDueIn(dueAt: string, since: Date, now: Date): boolean {
  const due = Date.parse(dueAt);
  return due > since.getTime() && due <= now.getTime();
}
