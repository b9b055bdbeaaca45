import type { Table } from 'dexie';

/**
 * Above this many leads, one read of a whole table beats an index look-up per lead: `anyOf` walks a cursor a
 * step per id (My Pipeline asks for 10,000 own leads' calls and activities, and asks again whenever a sync page
 * writes them), while `toArray` of a table is a single request.
 */
export const WHOLE_TABLE_ABOVE = 200;

/** The rows of a table by `leadId` that belong to these leads. */
export async function rowsOfLeads<T extends { leadId: string }, I>(table: Table<T, string, I>, leadIds: readonly string[]): Promise<T[]> {
  if (leadIds.length === 0) return [];
  if (leadIds.length <= WHOLE_TABLE_ABOVE) return table.where('leadId').anyOf([...leadIds]).toArray();
  const wanted = new Set(leadIds);
  return (await table.toArray()).filter((row) => wanted.has(row.leadId));
}

/** Which of these keys a table holds (its primary keys). */
export async function keysPresent<T, I>(table: Table<T, string, I>, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  if (keys.length <= WHOLE_TABLE_ABOVE) {
    const rows = await table.bulkGet([...keys]);
    return new Set(keys.filter((_key, index) => rows[index] !== undefined));
  }
  const wanted = new Set(keys);
  return new Set((await table.toCollection().primaryKeys()).filter((key) => wanted.has(key)));
}
