import { historyTables, putHistory, readHistory, type HistoryKind, type HistoryRows } from './history-store';
import type { ReplicaDb } from './replica-db';

/** Stores history rows as a sync page would, in a transaction of their own: for tests' seeds. */
export function seedHistory(db: ReplicaDb, rows: HistoryRows): Promise<void> {
  return db.transaction('rw', historyTables(db), async () => putHistory(db, rows));
}

/** Every row of a kind the replica holds, by id: for tests that compare it with what they expect. */
export async function storedHistory<K extends HistoryKind>(db: ReplicaDb, kind: K) {
  return [...(await readHistory(db, kind)).all()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
