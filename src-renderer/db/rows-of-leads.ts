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
