import type { Reassignment } from '../../../src-shared/contract/reassignment.schema';
import type { ReplicaDb } from '../../db/replica-db';

/** The user's own open leads (id → ref), or null while the replica holds no synced state (rebuild, first pull). */
export type OwnLeads = ReadonlyMap<string, string> | null;

export async function loadOwnOpenLeads(db: ReplicaDb, userId: string): Promise<OwnLeads> {
  const [cursor, stages, leads] = await Promise.all([db.meta.get('cursor'), db.stages.toArray(), db.leads.where('userId').equals(userId).toArray()]);
  if (!cursor) return null;
  // Closed leads leave the replica after 90 days by design: only open ones can be "taken away".
  const closed = new Set(stages.filter((stage) => stage.isWon || stage.isLost).map((stage) => stage.id));
  return new Map(leads.filter((lead) => !closed.has(lead.stageId)).map((lead) => [lead.id, lead.ref]));
}

/** Ids that were the user's in `before` and are not in `after`; nothing across a rebuild (either side null). */
export function vanishedLeads(before: OwnLeads, after: OwnLeads): string[] {
  if (!before || !after) return [];
  return [...before.keys()].filter((id) => !after.has(id));
}

export const ASSIGNED_AGENT_FIELD = 'Assigned Agent';

/** Asks the hub about a lead the replica no longer holds; null when it does not say (offline, or not ours to know). */
export type ReassignmentLookup = (leadId: string) => Promise<Reassignment | null>;

/**
 * The toast for a lead that left the user: to whom and by whom. The replica still shows the lead to
 * supervisors and managers (they see every lead); an agent's replica drops it with its chatter, so there
 * the hub is asked, which tells the lead's previous holder only. Null when it is not a reassignment away by
 * someone else (returned to the pool, or the user's own doing).
 */
export async function reassignedAwayText(db: ReplicaDb, userId: string, leadId: string, ref: string, lookup: ReassignmentLookup): Promise<string | null> {
  const [lead, cursor] = await Promise.all([db.leads.get(leadId), db.meta.get('cursor')]);
  // A rebuild (Ctrl+Shift+R, hub reset) empties the replica: nothing was taken away.
  if (!cursor) return null;
  if (!lead) {
    const told = await lookup(leadId).catch(() => null);
    return `${ref} was reassigned to ${told?.toName ?? 'another agent'} by ${told?.byName ?? 'a supervisor'}`;
  }
  if (lead.userId === null || lead.userId === userId) return null;
  const messages = await db.messages.where('leadId').equals(leadId).toArray();
  const change = messages
    .filter((message) => message.tracking?.some((tracked) => tracked.field === ASSIGNED_AGENT_FIELD))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  if (change?.authorId === userId) return null;
  const [to, by] = await Promise.all([db.users.get(lead.userId), change?.authorId ? db.users.get(change.authorId) : undefined]);
  return `${ref} was reassigned to ${to?.name ?? 'another agent'} by ${by?.name ?? 'a supervisor'}`;
}
