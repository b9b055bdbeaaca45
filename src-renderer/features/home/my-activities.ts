import Dexie from 'dexie';
import type { Activity } from '../../../src-shared/contract/entities.schema';
import type { ActivityState } from '../../../src-shared/domain/activity-state';
import { hubActivityOf, type ReplicaActivity } from '../../db/activity-key';
import type { ReplicaDb } from '../../db/replica-db';
import { readLeads } from '../../db/lead-store';

/** An open activity with what Home shows of its lead. */
export interface MyActivity extends Activity {
  leadRef: string | null;
  customerName: string | null;
}

export const ACTIVITY_GROUPS: readonly ActivityState[] = ['overdue', 'today', 'planned'];

/** The user's open activities, soonest first, each with its lead's reference and customer. */
export async function loadMyOpenActivities(db: ReplicaDb, userId: string): Promise<MyActivity[]> {
  return withLeads(db, await openActivities(db, userId, Dexie.minKey, Dexie.maxKey));
}

/** The user's open activities due in (since, now]: an index range, however many activities the replica holds. */
export async function loadMyActivitiesDueIn(db: ReplicaDb, userId: string, since: Date, now: Date): Promise<MyActivity[]> {
  // Due times are ISO instants from the hub; the range is widened by a second each side, then checked exactly.
  const from = new Date(since.getTime() - 1_000).toISOString();
  const to = new Date(now.getTime() + 1_000).toISOString();
  return withLeads(db, (await openActivities(db, userId, from, to)).filter((activity) => fellDueIn(activity.dueAt, since, now)));
}

function openActivities(db: ReplicaDb, userId: string, from: unknown, to: unknown): Promise<ReplicaActivity[]> {
  return db.activities.where('[openFor+dueAt]').between([userId, from], [userId, to], true, true).toArray();
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
