import type { ReportQuery, SpeedToLeadReport } from '../../../src-shared/contract/reports.schema';
import type { Database, Sql } from '../../db/database';
import { countOf, inReportTransaction, paramAdder, whereClause } from './report-filters';
import { splitYears, type YearSplit } from './report-summary';
import { forEachInteger, integerList, SpeedCounts, type SpeedMeasure } from './speed-counts';

/**
 * Speed to lead over leads created in the range: the minutes from arrival to the first claim and to the first
 * call, each lead's counted at the resolution the report shows (`report_speed_tenths`, migration 10: tenths of
 * a minute, tenths of an hour from an hour on; a clock running behind counts as 0), median and p90 as
 * PostgreSQL's percentile_cont gives them — overall, per brand, per source, per first claimer.
 *
 * The database sends counts per value, a list per group (one row per brand, source and first claimer, the
 * values as text), and speed-counts.ts ranks them: whole UTC years from the yearly counts
 * (`report_speed_years`), the rest of the range scanned from leads. Measured at 1,000,000 leads (30 days,
 * 86,400 leads): fetching the leads' values takes about 10 ms, while percentile_cont's sorts (8 per lead)
 * took 150–180 ms; the whole history from the yearly counts took 250 ms ranked in SQL (windows over 131,000
 * counts) and is a list per group here.
 */
export async function speedToLeadReport(db: Database, query: ReportQuery): Promise<SpeedToLeadReport> {
  const split = splitYears(query);
  const counts = new SpeedCounts();
  const names = await inReportTransaction(db, async (tx) => {
    const counted = split.years !== null && (await yearsCounted(tx, split.years));
    const scanned = counted ? split.edges : [{ from: query.from, to: query.to }];
    if (counted && split.years) await addYearlyCounts(tx, counts, split.years, query.brand);
    for (const range of scanned) await addScanned(tx, counts, range, query.brand);
    return agentNames(tx, counts);
  });
  return counts.report((dimension, key) => (dimension === 'agent' ? (names.get(key) ?? key) : key));
}

/** Whether any lead was created in these whole years (an open end reaches years not come yet): the counts hold those. */
async function yearsCounted(sql: Sql, years: NonNullable<YearSplit['years']>): Promise<boolean> {
  const params: unknown[] = [];
  const add = paramAdder(params);
  const where: string[] = [];
  if (years.from) where.push(`created_at >= ${add(`${years.from}T00:00:00Z`)}`);
  if (years.to) where.push(`created_at < ${add(`${years.to}T00:00:00Z`)}`);
  const [row] = await sql.query<{ counted: boolean }>(`select exists (select 1 from leads ${whereClause(where)}) as counted`, params);
  return row?.counted === true;
}

interface Listed extends Record<string, unknown> {
  brand: string | null;
  key: string | null;
  measure: 'n' | SpeedMeasure;
  tenths: string | null;
  leads: string | null;
}

/**
 * The yearly counts of whole years: per brand and source (overall, brand and source add them up), and per first
 * claimer over every brand (or over the one brand asked for). Per group one row: its values and their counts,
 * in the same order; the agents' -1 is a claim without a time (a lead of theirs, no value).
 */
async function addYearlyCounts(sql: Sql, counts: SpeedCounts, years: NonNullable<YearSplit['years']>, brand: string | undefined): Promise<void> {
  const params: unknown[] = [];
  const add = paramAdder(params);
  const where: string[] = [];
  if (years.from) where.push(`year >= ${add(years.from)}::date`);
  if (years.to) where.push(`year < ${add(years.to)}::date`);
  const ofBrand = brand === undefined ? undefined : add(brand);
  const inYears = where.map((clause) => ` and ${clause}`).join('');
  const lists = `array_to_string(array_agg(tenths), ',') as tenths, array_to_string(array_agg(leads), ',') as leads`;
  const rows = await sql.query<Listed & { dim: 's' | 'a' }>(
    `select 's' as dim, brand, key, measure, ${lists} from report_speed_years
      where span = 'b' and dim = 's'${ofBrand ? ` and brand = ${ofBrand}` : ''}${inYears} group by brand, key, measure
     union all
     select 'a', null, key, measure, ${lists} from report_speed_years
      where span = '${ofBrand ? 'b' : 'a'}' and brand = ${ofBrand ?? "''"} and dim = 'a'${inYears} group by key, measure`,
    params,
  );
  for (const row of rows) {
    const values = integerList(row.tenths);
    const leads = integerList(row.leads);
    const key = row.key ?? '';
    const groups = row.dim === 'a' ? [counts.at('agent', key)] : [counts.at('overall', ''), counts.at('brand', row.brand ?? ''), counts.at('source', key)];
    for (const group of groups) {
      values.forEach((tenths, index) => {
        const count = leads[index] ?? 0;
        // an agent's leads are their claims ('c'), -1 one without a time; every lead is an 'n' of its source
        if (row.measure === 'n' || (row.dim === 'a' && row.measure === 'c')) group.leads += count;
        if (row.measure !== 'n' && tenths >= 0) group.add(row.measure, tenths, count);
      });
    }
  }
}

/**
 * The leads of a time range, scanned: per brand, source and first claimer, how many and the values of each
 * measure (leads without one are left out of its list).
 */
async function addScanned(sql: Sql, counts: SpeedCounts, range: { from?: string | undefined; to?: string | undefined }, brand: string | undefined): Promise<void> {
  const params: unknown[] = [];
  const add = paramAdder(params);
  const where: string[] = [];
  if (range.from) where.push(`created_at >= ${add(range.from)}`);
  if (range.to) where.push(`created_at < ${add(range.to)}`);
  if (brand !== undefined) where.push(`brand = ${add(brand)}`);
  const rows = await sql.query<{ brand: string; source: string; agent: string | null; leads: string; c: string | null; f: string | null }>(
    `select brand, source, first_claimed_by::text as agent, count(*) as leads,
            array_to_string(array_agg(report_speed_tenths(created_at, first_claimed_at)), ',') as c,
            array_to_string(array_agg(report_speed_tenths(created_at, first_call_at)), ',') as f
       from leads ${whereClause(where)} group by brand, source, first_claimed_by`,
    params,
  );
  for (const row of rows) {
    const groups = [counts.at('overall', ''), counts.at('brand', row.brand), counts.at('source', row.source)];
    if (row.agent !== null) groups.push(counts.at('agent', row.agent));
    const leads = countOf(row.leads);
    for (const group of groups) group.leads += leads;
    for (const measure of ['c', 'f'] as const) {
      forEachInteger(row[measure], (tenths) => {
        for (const group of groups) group.add(measure, tenths, 1);
      });
    }
  }
}

/** The names of the agents counted (a few rows, not every lead). */
async function agentNames(sql: Sql, counts: SpeedCounts): Promise<Map<string, string>> {
  const ids = counts.keysOf('agent').filter((id) => /^\d{1,18}$/.test(id));
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; name: string }>('select id::text as id, name from users where id = any($1::bigint[])', [ids]);
  return new Map(rows.map((row) => [row.id, row.name]));
}
