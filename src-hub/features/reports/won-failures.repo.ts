import type { ReportQuery, WonFailuresReport } from '../../../src-shared/contract/reports.schema';
import type { Sql } from '../../db/database';
import { isoTime } from '../../db/pg-time';
import { countOf, paramAdder, whereClause } from './report-filters';

/**
 * Open leads whose last Mark as Won push failed, per dealership: sales waiting on a dealer. Now, like the
 * open-age report (the date range does not apply; the brand does). The partial index `leads_won_failed`
 * holds exactly these leads.
 */
export async function wonFailuresReport(sql: Sql, query: Pick<ReportQuery, 'brand'>): Promise<WonFailuresReport> {
  const params: unknown[] = [];
  const where = ['l.won_failed_at is not null', 'not l.closed'];
  if (query.brand) where.push(`l.brand = ${paramAdder(params)(query.brand)}`);
  const rows = await sql.query<{ dealership_id: string; name: string; leads: string; oldest: Date; latest: Date; last_error: string | null }>(
    `select d.id as dealership_id, d.name, count(*) as leads, min(l.won_failed_at) as oldest, max(l.won_failed_at) as latest,
            (array_agg(l.won_failed_error order by l.won_failed_at desc, l.id desc))[1] as last_error
       from leads l join dealerships d on d.id = l.dealership_id
      ${whereClause(where)}
      group by d.id, d.name
      order by count(*) desc, d.name, d.id`,
    params,
  );
  return rows.map((row) => ({
    dealershipId: row.dealership_id,
    dealershipName: row.name,
    leads: countOf(row.leads),
    oldestFailedAt: isoTime(row.oldest),
    latestFailedAt: isoTime(row.latest),
    lastError: row.last_error ?? '',
  }));
}
