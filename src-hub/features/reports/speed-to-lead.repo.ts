import type { ReportQuery, SpeedToLeadReport } from '../../../src-shared/contract/reports.schema';
import type { Database, Sql } from '../../db/database';
import { countOf, inReportReaders, paramAdder, whereClause } from './report-filters';
import { forEachInteger, SpeedCounts } from './speed-counts';
import { planSpeedRange, type CountedPiece, type LeadExtent, type ScannedPiece, type Sign } from './speed-range';

/**
 * Speed to lead over leads created in the range: the minutes from arrival to the first claim and to the first
 * call, each lead's counted at the resolution the report shows (`report_speed_tenths`, migration 10: tenths of
 * a minute, tenths of an hour from an hour on; a clock running behind counts as 0), median and p90 as
 * PostgreSQL's percentile_cont gives them — overall, per brand, per source, per first claimer.
 *
 * The database sends counts per value and speed-counts.ts ranks them: whole UTC years and months from the
 * packed counts (`report_speed_counts`, migration 13), the partial months at the edges scanned from leads (a list
 * of values per brand, source and first claimer), each added or taken away as speed-range.ts plans it. One
 * snapshot (inReportReaders): a count taken away is always one that was added. Measured at 1,000,000 leads:
 * percentile_cont's sorts (8 per lead) took 150–180 ms over 30 days of leads; the values sent and ranked here,
 * 10 ms of fetching over the same days.
 */
export async function speedToLeadReport(db: Database, query: ReportQuery): Promise<SpeedToLeadReport> {
  const counts = new SpeedCounts();
  const names = await inReportReaders(db, READERS, async (readers) => {
    const first = readers[0]!;
    const plan = planSpeedRange(query, await leadExtent(first, query.brand));
    const reads = [(sql: Sql) => addCounted(sql, counts, plan.counted, query.brand), ...plan.scanned.map((range) => (sql: Sql) => addScanned(sql, counts, range, query.brand))];
    await Promise.all(reads.map((read, index) => read(readers[index % readers.length]!)));
    return agentNames(first, counts);
  });
  return counts.report((dimension, key) => (dimension === 'agent' ? (names.get(key) ?? key) : key));
}

/**
 * The counted periods and each scanned range are independent reads of one snapshot, so they run side by side
 * (a range from mid-month to mid-month: two scans of about two weeks of leads and six months' counts), each
 * one's rows added as they come — adding commutes. Measured at 1,000,000 leads on this machine's two cores:
 * the three statements one after another 109-133 ms, side by side 66-99 ms.
 */
const READERS = 3;

/** The first and last creation time of the brand's leads (or of every lead): two probes of an index's ends. */
async function leadExtent(sql: Sql, brand: string | undefined): Promise<LeadExtent> {
  const params = brand === undefined ? [] : [brand];
  const where = brand === undefined ? '' : 'where brand = $1';
  const [row] = await sql.query<{ first: number | null; last: number | null }>(
    `select (extract(epoch from min(created_at)) * 1000)::float8 as first, (extract(epoch from max(created_at)) * 1000)::float8 as last from leads ${where}`,
    params,
  );
  return row?.first == null || row.last == null ? null : { first: row.first, last: row.last };
}

interface CountRow extends Record<string, unknown> {
  sign: Sign;
  dim: 's' | 'a';
  brand: string;
  key: string;
  measure: 'n' | 'c' | 'f';
  chunk: number;
  /** The chunk's bytes in base64 (see countedRows). */
  counts: string;
}

/** Migration 13's chunk: the counts of 64 consecutive slots. */
const SLOTS_PER_CHUNK = 64;

/**
 * The counts of whole periods, each row 64 slots' counts (big-endian int4): per brand and source (overall,
 * brand and source add them up: 'n' every lead, in slot 0), and per first claimer over every brand or over the
 * one brand asked for ('c' slot 0: a claim without a time, one of their leads but no value).
 */
async function addCounted(sql: Sql, counts: SpeedCounts, pieces: readonly CountedPiece[], brand: string | undefined): Promise<void> {
  if (pieces.length === 0) return;
  const params: unknown[] = [];
  const add = paramAdder(params);
  const ofBrand = brand === undefined ? undefined : add(brand);
  const selects = pieces.flatMap((piece) => {
    const where = [`period = '${piece.period === 'year' ? 'y' : 'm'}'`];
    if (piece.from) where.push(`first_day >= ${add(piece.from)}::date`);
    if (piece.to) where.push(`first_day < ${add(piece.to)}::date`);
    const inPeriods = where.map((clause) => ` and ${clause}`).join('');
    // base64, not bytea: node-postgres reads bytea as hex text and decodes it; for the 2 MB of counts of six
    // months that took 48-62 CPU-ms a request, base64 and Buffer.from 9-10 (the same rows, in one process).
    const columns = `${piece.sign}::int as sign, dim, brand, key, measure, chunk, encode(counts, 'base64') as counts`;
    return [
      `select ${columns} from report_speed_counts where span = 'b' and dim = 's'${ofBrand ? ` and brand = ${ofBrand}` : ''}${inPeriods}`,
      `select ${columns} from report_speed_counts where span = '${ofBrand ? 'b' : 'a'}' and dim = 'a' and brand = ${ofBrand ?? "''"}${inPeriods}`,
    ];
  });
  const rows = await sql.query<CountRow>(selects.join(' union all '), params);
  for (const row of rows) {
    const groups = row.dim === 'a' ? [counts.at('agent', row.key)] : [counts.at('overall', ''), counts.at('brand', row.brand), counts.at('source', row.key)];
    // Every lead is an 'n' of its source, an agent's leads are their claims ('c', with or without a time); slot 0
    // is a lead without the measure's time, counted as a lead but not as a value.
    const measure = row.measure;
    const countsLeads = measure === 'n' || (row.dim === 'a' && measure === 'c');
    const tallies = measure === 'n' ? [] : groups.map((group) => group.values[measure]);
    const bytes = Buffer.from(row.counts, 'base64');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const firstSlot = row.chunk * SLOTS_PER_CHUNK;
    for (let place = 0; place < SLOTS_PER_CHUNK; place++) {
      const count = view.getInt32(place * 4) * row.sign;
      if (count === 0) continue;
      if (countsLeads) for (const group of groups) group.leads += count;
      if (firstSlot + place > 0) for (const tally of tallies) tally.addStoredSlot(firstSlot + place, count);
    }
  }
}

/**
 * The leads of a time range, scanned (added or taken away): per brand, source and first claimer, how many and
 * the values of each measure (leads without one are left out of its list).
 */
async function addScanned(sql: Sql, counts: SpeedCounts, range: ScannedPiece, brand: string | undefined): Promise<void> {
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
    const leads = countOf(row.leads) * range.sign;
    for (const group of groups) group.leads += leads;
    for (const measure of ['c', 'f'] as const) {
      const tallies = groups.map((group) => group.values[measure]);
      forEachInteger(row[measure], (tenths) => {
        for (const tally of tallies) tally.add(tenths, range.sign);
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
