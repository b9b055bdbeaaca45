import { deleteLeadRows, putLeadRows, readLeads } from './lead-store';
import type { ReplicaLead } from './pool-key';
import type { ReplicaDb } from './replica-db';

/** Stores leads as given (pool keys included or not), in a transaction of their own: for tests' seeds. */
export function seedLeads(db: ReplicaDb, leads: readonly ReplicaLead[]): Promise<void> {
  return db.transaction('rw', [db.leadChunks, db.leadHeads], async () => putLeadRows(db, leads));
}

/** Every lead the replica holds, by id order: for tests that compare it with what they expect. */
export async function storedLeads(db: ReplicaDb): Promise<ReplicaLead[]> {
  return [...(await readLeads(db)).all()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Removes leads as a sync page would, in a transaction of their own. */
export function removeLeads(db: ReplicaDb, ids: readonly string[]): Promise<void> {
  return db.transaction('rw', [db.leadChunks, db.leadHeads], async () => deleteLeadRows(db, ids));
}

export async function leadCount(db: ReplicaDb): Promise<number> {
  return (await readLeads(db)).size;
}
