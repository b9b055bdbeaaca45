import { Readable } from 'node:stream';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { LeadsExportQuery } from '../../../src-shared/contract/leads.schema';
import type { Sql } from '../../db/database';
import type { AuthUser } from '../auth/auth-user';
import { LEADS_CSV_COLUMNS, UTF8_BOM, csvRecord, leadCsvFields, type ExportNames } from './leads-csv';
import { listLeads } from './leads-query.repo';

/** Leads per query: big enough to keep round trips few, small enough to hold a batch in memory. */
export const EXPORT_BATCH_SIZE = 1000;

async function loadNames(sql: Sql): Promise<ExportNames> {
  const byId = async (table: 'stages' | 'users' | 'dealerships'): Promise<Map<string, string>> =>
    new Map((await sql.query<{ id: string; name: string }>(`select id, name from ${table}`)).map((row) => [row.id, row.name]));
  return { stages: await byId('stages'), users: await byId('users'), dealerships: await byId('dealerships') };
}

/** A user, stage or dealership created during the export is looked up again rather than left blank. */
function knowsAll(names: ExportNames, leads: readonly Lead[]): boolean {
  return leads.every(
    (lead) => names.stages.has(lead.stageId) && (!lead.userId || names.users.has(lead.userId)) && (!lead.dealershipId || names.dealerships.has(lead.dealershipId)),
  );
}

/**
 * Every lead `GET /leads` would list for this query, as CSV, in keyset batches of the same query (the same
 * filters, scope and order): no connection is held between batches and no more than one batch is in memory,
 * at a million rows too. The first batch is read before anything is sent, so an early failure is still a
 * JSON error; later ones end the stream unfinished (the desktop then discards its partial file). Each batch
 * reads the leads as they are then: sorted by `updated_*` or by customer, a lead edited during a long export
 * may move past the cursor and be listed twice or not at all; the creation and reference orders are stable.
 */
export async function leadsCsvStream(sql: Sql, user: AuthUser, query: LeadsExportQuery): Promise<Readable> {
  let names = await loadNames(sql);
  const first = await listLeads(sql, user, { ...query, limit: EXPORT_BATCH_SIZE });
  async function* records(): AsyncGenerator<string> {
    yield UTF8_BOM + csvRecord(LEADS_CSV_COLUMNS);
    let page = first;
    for (;;) {
      if (!knowsAll(names, page.items)) names = await loadNames(sql);
      yield page.items.map((lead) => csvRecord(leadCsvFields(lead, names))).join('');
      if (!page.nextCursor) return;
      page = await listLeads(sql, user, { ...query, limit: EXPORT_BATCH_SIZE, cursor: page.nextCursor });
    }
  }
  return Readable.from(records(), { objectMode: false });
}
