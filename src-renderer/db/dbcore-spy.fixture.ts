import type { DBCoreTable } from 'dexie';
import type { ReplicaDb } from './replica-db';

/**
 * Wraps one table's requests below Dexie's own API (a DBCore middleware), for tests that count or fail what the
 * replica reads and writes; registered before the replica opens.
 */
export function spyOnTable(db: ReplicaDb, tableName: string, wrap: (table: DBCoreTable) => Partial<DBCoreTable>): void {
  db.use({
    stack: 'dbcore',
    name: `spy-${tableName}-${Math.random().toString(36).slice(2, 8)}`,
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return name === tableName ? { ...table, ...wrap(table) } : table;
      },
    }),
  });
}
