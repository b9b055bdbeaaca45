import type { EntityTable } from 'dexie';
import type { ReplicaDb } from './replica-db';

/**
 * Which leads the replica holds whole (every message, call log and activity): the user's own leads. The marks are
 * kept as sets, one record per history page that brought leads whole, not one record per lead: IndexedDB's cost is
 * per record, and a first sync marks every own lead (10,000 in the sync bench). A lead is whole while any set
 * names it; removing a lead takes it out of every set (an emptied set goes).
 */
export interface WholeLeadSet {
  id: string;
  leadIds: string[];
}

export interface WholeLeadTables {
  wholeLeadSets: EntityTable<WholeLeadSet, 'id'>;
}

let setCounter = 0;
const newSetId = () => `w${Date.now().toString(36)}.${(++setCounter).toString(36)}.${Math.random().toString(36).slice(2, 8)}`;

/** Marks these leads whole (inside the caller's transaction). */
export async function markWhole(db: WholeLeadTables, leadIds: readonly string[]): Promise<void> {
  if (leadIds.length) await db.wholeLeadSets.put({ id: newSetId(), leadIds: [...new Set(leadIds)] });
}

/** Takes these leads out of every set (inside the caller's transaction). */
export async function unmarkWhole(db: WholeLeadTables, leadIds: readonly string[]): Promise<void> {
  if (leadIds.length === 0) return;
  const gone = new Set(leadIds);
  const sets = await db.wholeLeadSets.toArray();
  const changed = sets.filter((set) => set.leadIds.some((id) => gone.has(id))).map((set) => ({ ...set, leadIds: set.leadIds.filter((id) => !gone.has(id)) }));
  const emptied = changed.filter((set) => set.leadIds.length === 0).map((set) => set.id);
  const kept = changed.filter((set) => set.leadIds.length > 0);
  if (kept.length) await db.wholeLeadSets.bulkPut(kept);
  if (emptied.length) await db.wholeLeadSets.bulkDelete(emptied);
}

/** Every lead the replica holds whole; live when read inside a live query. */
export async function readWholeLeads(db: Pick<ReplicaDb, 'wholeLeadSets'>): Promise<ReadonlySet<string>> {
  const whole = new Set<string>();
  for (const set of await db.wholeLeadSets.toArray()) for (const id of set.leadIds) whole.add(id);
  return whole;
}
