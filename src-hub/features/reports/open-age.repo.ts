import { OPEN_AGE_BUCKETS, type OpenAgeReport, type ReportQuery } from '../../../src-shared/contract/reports.schema';
import type { Sql } from '../../db/database';
import { isoTime } from '../../db/pg-time';
import { countOf, paramAdder, whereClause } from './report-filters';

export const OLDEST_OPEN_LEADS = 20;
const HOUR_MS = 3_600_000;

/** The pool (the partial index `leads_pool` (created_at, id) holds exactly these leads), of one brand if asked. */
function poolFilters(brand: string | undefined, params: unknown[]): string[] {
  const where = ['l.user_id is null', 'not l.closed'];
  if (brand) where.push(`l.brand = ${paramAdder(params)(brand)}`);
  return where;
}

/**
 * Unclaimed open leads now, by age, and the oldest of them. The date range does not apply (age is "now -
 * createdAt"); the brand does. A lead created after `now` (a workstation clock ahead) counts as age 0.
 */
export async function openAgeReport(sql: Sql, query: Pick<ReportQuery, 'brand'>, now: Date): Promise<OpenAgeReport> {
  const params: unknown[] = [];
  const where = poolFilters(query.brand, params);
  const add = paramAdder(params);
  // age in [min, max) hours  <=>  created_at in (now - max, now - min]
  const cutoff = (hours: number): string => add(new Date(now.getTime() - hours * HOUR_MS).toISOString());
  const bucketColumns = OPEN_AGE_BUCKETS.map((bucket, index) => {
    const conditions: string[] = [];
    if (bucket.minHours > 0) conditions.push(`l.created_at <= ${cutoff(bucket.minHours)}`);
    if (bucket.maxHours !== null) conditions.push(`l.created_at > ${cutoff(bucket.maxHours)}`);
    return `count(*) filter (where ${conditions.join(' and ') || 'true'}) as b${index}`;
  });
  const [histogram] = await sql.query(`select ${bucketColumns.join(', ')} from leads l ${whereClause(where)}`, params);
  const oldestParams: unknown[] = [];
  const oldest = await sql.query<{ id: string; ref: string; customer_name: string; brand: string; source: string; created_at: Date }>(
    `select l.id, l.ref, l.customer_name, l.brand, l.source, l.created_at from leads l ${whereClause(poolFilters(query.brand, oldestParams))}
      order by l.created_at, l.id limit ${OLDEST_OPEN_LEADS}`,
    oldestParams,
  );
  return {
    asOf: now.toISOString(),
    buckets: OPEN_AGE_BUCKETS.map((bucket, index) => ({
      label: bucket.label,
      minHours: bucket.minHours,
      maxHours: bucket.maxHours,
      leads: countOf(histogram?.[`b${index}`]),
    })),
    oldest: oldest.map((row) => ({
      leadId: row.id,
      ref: row.ref,
      customerName: row.customer_name,
      brand: row.brand,
      source: row.source,
      createdAt: isoTime(row.created_at),
      ageHours: ageHours(now, row.created_at),
    })),
  };
}

/** Hours since `createdAt`, to the hundredth, never negative. */
function ageHours(now: Date, createdAt: Date): number {
  return Math.max(0, Math.round((now.getTime() - new Date(createdAt).getTime()) / (HOUR_MS / 100)) / 100);
}
