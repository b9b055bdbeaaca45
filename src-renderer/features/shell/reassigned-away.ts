import type { Reassignment } from '../../../src-shared/contract/reassignment.schema';
import type { ReplicaDb } from '../../db/replica-db';
import { readLeads } from '../../db/lead-store';
import { readLeadHistory } from '../../db/history-store';

/** The user's own open leads (id → ref), or null while the replica holds no synced state (rebuild, first pull). */
export type OwnLeads = ReadonlyMap<string, string> | null;

export async function loadOwnOpenLeads(db: ReplicaDb, userId: string): Promise<OwnLeads> {
  // `synced`, not the cursor: the cursor changes with every page, and this runs again whenever what it read changes.
  const [synced, stages, index] = await Promise.all([db.meta.get('synced'), db.stages.toArray(), readLeads(db)]);
  if (!synced) return null;
  // Closed leads leave the replica after 90 days by design: only open ones can be "taken away".
  const closed = new Set(stages.filter((stage) => stage.isWon || stage.isLost).map((stage) => stage.id));
  return new Map(index.ofUser(userId).filter((lead) => !closed.has(lead.stageId)).map((lead) => [lead.id, lead.ref]));
}

/** Ids that were the user's in `before` and are not in `after`; nothing across a rebuild (either side null). */
export function vanishedLeads(before: OwnLeads, after: OwnLeads): string[] {
  if (!before || !after) return [];
  return [...before.keys()].filter((id) => !after.has(id));
}

export const ASSIGNED_AGENT_FIELD = 'Assigned Agent';

/** Asks the hub about a lead the replica no longer holds; null when it does not say (offline, or not ours to know). */
export type ReassignmentLookup = (leadId: string) => Promise<Reassignment | null>;

/** A lead taken away from the user: its reference, to whom and by whom (generic names when unknown). */
export interface ReassignedAway {
  ref: string;
  toName: string;
  byName: string;
}

const SOMEONE = { toName: 'another agent', byName: 'a supervisor' };

/**
 * Who took a lead away from the user. The replica still shows the lead to supervisors and managers (they
 * see every lead); an agent's replica drops it with its chatter, so there the hub is asked, which tells the
 * lead's previous holder only. Null when it is not a reassignment away by someone else (returned to the
 * pool, or the user's own doing).
 */
export async function reassignedAway(db: ReplicaDb, userId: string, leadId: string, ref: string, lookup: ReassignmentLookup): Promise<ReassignedAway | null> {
  const [index, synced] = await Promise.all([readLeads(db), db.meta.get('synced')]);
  const lead = index.get(leadId);
  // A rebuild (Ctrl+Shift+R, hub reset) empties the replica: nothing was taken away.
  if (!synced) return null;
  if (!lead) {
    const told = await lookup(leadId).catch(() => null);
    return { ref, toName: told?.toName ?? SOMEONE.toName, byName: told?.byName ?? SOMEONE.byName };
  }
  if (lead.userId === null || lead.userId === userId) return null;
  const messages = await readLeadHistory(db, 'messages', leadId);
  const change = messages
    .filter((message) => message.tracking?.some((tracked) => tracked.field === ASSIGNED_AGENT_FIELD))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  if (change?.authorId === userId) return null;
  const [to, by] = await Promise.all([db.users.get(lead.userId), change?.authorId ? db.users.get(change.authorId) : undefined]);
  return { ref, toName: to?.name ?? SOMEONE.toName, byName: by?.name ?? SOMEONE.byName };
}

/** References named in a grouped toast before "and N more". */
export const REFS_SHOWN = 3;

/**
 * The toasts for leads taken away together (a supervisor's bulk reassignment): one per new holder and
 * supervisor, so five leads moved at once make one calm toast, not five.
 */
export function reassignedAwayTexts(items: readonly ReassignedAway[]): string[] {
  const groups = new Map<string, ReassignedAway[]>();
  for (const item of items) {
    const key = JSON.stringify([item.toName, item.byName]);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].map((group) => {
    const { toName, byName } = group[0]!;
    if (group.length === 1) return `${group[0]!.ref} was reassigned to ${toName} by ${byName}`;
    const refs = group.slice(0, REFS_SHOWN).map((item) => item.ref).join(', ');
    const more = group.length > REFS_SHOWN ? ` and ${group.length - REFS_SHOWN} more` : '';
    return `${group.length} of your leads were reassigned to ${toName} by ${byName}: ${refs}${more}`;
  });
}
