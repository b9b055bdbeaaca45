import { useLiveQuery } from 'dexie-react-hooks';
import type { ReplicaDb } from '../../db/replica-db';
import { readHistory } from '../../db/history-store';
import { readWholeLeads } from '../../db/whole-leads';

/**
 * Which of these leads this workstation knows to wait for no first call: a call logged in the replica, or
 * recorded here and still in the outbox (a call logged offline ends the wait too), or a lead whose history is not
 * here yet (a first sync brings lead rows before their calls: "No call yet" would be a guess). Live, so a card
 * stops counting as soon as the call is logged.
 */
export async function loadCalledLeadIds(db: ReplicaDb, leadIds: readonly string[]): Promise<ReadonlySet<string>> {
  if (leadIds.length === 0) return new Set();
  const [calls, queued, whole] = await Promise.all([
    readHistory(db, 'callLogs'),
    db.outbox
      .where('leadId')
      .anyOf([...leadIds])
      .filter((item) => item.kind === 'call')
      .toArray(),
    readWholeLeads(db),
  ]);
  const historyMissing = leadIds.filter((id) => !whole.has(id));
  const logged = leadIds.filter((id) => calls.of(id).length > 0);
  return new Set([...logged, ...queued.map((item) => item.leadId), ...historyMissing]);
}

/** Undefined until read; `leadIds` undefined (the leads themselves not read yet) reads nothing. */
export function useCalledLeadIds(db: ReplicaDb, leadIds: readonly string[] | undefined): ReadonlySet<string> | undefined {
  const key = leadIds?.join(',');
  // Keyed by the ids' contents, not the array's identity (a new array on every board render).
  return useLiveQuery(() => (leadIds ? loadCalledLeadIds(db, leadIds) : undefined), [db, key]);
}
