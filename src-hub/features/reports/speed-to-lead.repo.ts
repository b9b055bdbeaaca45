import type { ReportQuery, SpeedToLeadReport } from '../../../src-shared/contract/reports.schema';
import type { Database, Sql } from '../../db/database';
import { countOf, inReportTransaction, paramAdder, whereClause } from './report-filters';
import { splitYears, type YearSplit } from './report-summary';

interface Row extends Record<string, unknown> {
  dimension: 'overall' | 'brand' | 'source' | 'agent';
  key: string | null;
  label: string | null;
  leads: string | null;
  claimed: string | null;
  claim_median: number | null;
  claim_p90: number | null;
  called: string | null;
  call_median: number | null;
  call_p90: number | null;
}

/**
 * Speed to lead over leads created in the range: the minutes from arrival to the first claim and to the first
 * call, each lead's counted at the resolution the report shows (`report_speed_tenths`, migration 10: tenths of
 * a minute, tenths of an hour from an hour on; a clock running behind counts as 0), median and p90 as
 * PostgreSQL's percentile_cont over those values — overall, per brand, per source, per first claimer.
 *
 * Whole UTC years come from the yearly counts (`report_speed_years`) and the partial years at the range's
 * edges are scanned; a range whose whole years hold no lead (every range the Reports screen's presets send) is
 * one scan with percentile_cont, the faster way over a few weeks of leads. Per day, the counts would be no
 * smaller than the leads they count (an agent's day holds fewer leads than distinct values).
 */
export async function speedToLeadReport(db: Database, query: ReportQuery): Promise<SpeedToLeadReport> {
  const split = splitYears(query);
  const rows = await inReportTransaction(db, async (tx) => {
    const counted = split.years !== null && (await yearsCounted(tx, split.years));
    return counted ? fromYearlyCounts(tx, query, split) : fromScan(tx, query);
  });
  const stats = (row: Row) => ({
    toClaim: { leads: countOf(row.claimed), medianMinutes: minutes(row.claim_median), p90Minutes: minutes(row.claim_p90) },
    toFirstCall: { leads: countOf(row.called), medianMinutes: minutes(row.call_median), p90Minutes: minutes(row.call_p90) },
  });
  const overall = rows.find((row) => row.dimension === 'overall' && countOf(row.leads) > 0);
  return {
    overall: overall ? { leads: countOf(overall.leads), ...stats(overall) } : { leads: 0, ...stats(emptyRow()) },
    groups: rows
      // the agent group of leads nobody has claimed yet is not an agent; a count fallen to 0 is no group
      .filter((row): row is Row & { dimension: 'brand' | 'source' | 'agent'; key: string } => row.dimension !== 'overall' && row.key !== null && countOf(row.leads) > 0)
      .map((row) => ({ dimension: row.dimension, key: row.key, label: row.label ?? row.key, leads: countOf(row.leads), ...stats(row) }))
      .sort((a, b) => a.dimension.localeCompare(b.dimension) || b.leads - a.leads || a.label.localeCompare(b.label)),
  };
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

/** The agents' names, joined once the figures are grouped (a few rows, not every lead). */
const withLabels = (grouped: string) => `select g.*, case when g.dimension = 'agent' then u.name else g.key end as label
  from (${grouped}) g left join users u on g.dimension = 'agent' and u.id::text = g.key`;

/** One pass over the range's leads: percentile_cont per grouping set over each lead's counted minutes. */
async function fromScan(sql: Sql, query: ReportQuery): Promise<Row[]> {
  const params: unknown[] = [];
  const add = paramAdder(params);
  const where: string[] = [];
  if (query.from) where.push(`created_at >= ${add(query.from)}`);
  if (query.to) where.push(`created_at < ${add(query.to)}`);
  if (query.brand) where.push(`brand = ${add(query.brand)}`);
  // one sort per duration and grouping set: both percentiles come from the same ordered-set aggregate
  return sql.query<Row>(
    withLabels(`select case when grouping(l.brand) = 0 then 'brand' when grouping(l.source) = 0 then 'source'
                            when grouping(l.first_claimed_by) = 0 then 'agent' else 'overall' end as dimension,
                       coalesce(l.brand, l.source, l.first_claimed_by::text) as key,
                       count(*) as leads,
                       count(l.c) as claimed,
                       (percentile_cont(array[0.5, 0.9]) within group (order by l.c))[1] as claim_median,
                       (percentile_cont(array[0.5, 0.9]) within group (order by l.c))[2] as claim_p90,
                       count(l.f) as called,
                       (percentile_cont(array[0.5, 0.9]) within group (order by l.f))[1] as call_median,
                       (percentile_cont(array[0.5, 0.9]) within group (order by l.f))[2] as call_p90
                  from (select brand, source, first_claimed_by,
                               report_speed_tenths(created_at, first_claimed_at) as c, report_speed_tenths(created_at, first_call_at) as f
                          from leads ${whereClause(where)}) l
                 group by grouping sets ((), (l.brand), (l.source), (l.first_claimed_by))`),
    params,
  );
}

/** A group's figures for one measure ('n' leads, 'c' to claim, 'f' to first call), from counts per value. */
interface Ranked extends Record<string, unknown> {
  dimension: Row['dimension'];
  key: string | null;
  label?: string | null;
  measure: 'n' | 'c' | 'f';
  /** Every count of the group, claims without a time (-1) included. */
  total: string;
  /** The counts with a value. */
  timed: string | null;
  median: number | null;
  p90: number | null;
}

/** percentile_cont's value: lo + (q(N-1) - floor(q(N-1))) × (hi - lo), in float8 as PostgreSQL computes it. */
const lerp = (q: string, name: string) =>
  `lo_${name}::float8 + ((${q}::float8 * (timed - 1)::float8 - floor(${q}::float8 * (timed - 1)::float8)) * (hi_${name} - lo_${name})::float8)`;

/**
 * Per group of `by` in counts per value `hist` (`by`, tenths, n): the total, the counts with a value (tenths
 * >= 0), and median and p90 — the values at the ranks percentile_cont reads (floor and ceiling of q(N-1)), the
 * first whose running count passes them. Counts read in order of value need no sort.
 */
const rankedSql = (by: string, hist: string) => `
  select ${by}, total, timed, ${lerp('0.5', 'median')} as median, ${lerp('0.9', 'p90')} as p90
    from (select ${by}, max(total) as total, max(timed) as timed,
                 min(tenths) filter (where tenths >= 0 and upto > floor(0.5::float8 * (timed - 1)::float8)) as lo_median,
                 min(tenths) filter (where tenths >= 0 and upto > ceil(0.5::float8 * (timed - 1)::float8)) as hi_median,
                 min(tenths) filter (where tenths >= 0 and upto > floor(0.9::float8 * (timed - 1)::float8)) as lo_p90,
                 min(tenths) filter (where tenths >= 0 and upto > ceil(0.9::float8 * (timed - 1)::float8)) as hi_p90
            from (select ${by}, tenths,
                         sum(n) filter (where tenths >= 0) over (partition by ${by} order by tenths rows between unbounded preceding and current row) as upto,
                         sum(n) over (partition by ${by}) as total,
                         sum(n) filter (where tenths >= 0) over (partition by ${by}) as timed
                    from (${hist}) h) w
           group by ${by}) r`;

/**
 * From counts per value: the yearly counts of the whole years and the same counts scanned from the leads of
 * the edges; overall, brand and source from the counts per brand and source, the agents from theirs.
 */
async function fromYearlyCounts(sql: Sql, query: ReportQuery, split: YearSplit): Promise<Row[]> {
  const params: unknown[] = [];
  const add = paramAdder(params);
  const brand = query.brand === undefined ? undefined : add(query.brand);
  // per brand and source: brand, key (the source), measure, tenths, leads
  const bySource: string[] = [];
  // per first claimer: key, measure, tenths (-1: claimed without a time), leads
  const byAgent: string[] = [];
  if (split.years) {
    const where: string[] = [];
    if (split.years.from) where.push(`year >= ${add(split.years.from)}::date`);
    if (split.years.to) where.push(`year < ${add(split.years.to)}::date`);
    if (brand) where.push(`brand = ${brand}`);
    const years = where.map((clause) => ` and ${clause}`).join('');
    bySource.push(`select brand, key, measure, tenths, leads from report_speed_years where span = 'b' and dim = 's'${years}`);
    // the agents' counts over every brand are a third of the rows of their counts per brand
    byAgent.push(`select key, measure, tenths, leads from report_speed_years where span = '${brand ? 'b' : 'a'}'${brand ? '' : " and brand = ''"} and dim = 'a'${years}`);
  }
  const edges: string[] = [];
  split.edges.forEach((edge, index) => {
    const where: string[] = [];
    if (edge.from) where.push(`created_at >= ${add(edge.from)}`);
    if (edge.to) where.push(`created_at < ${add(edge.to)}`);
    if (brand) where.push(`brand = ${brand}`);
    const name = `edge${index}`;
    edges.push(`${name} as materialized (select brand, source, first_claimed_by::text as agent, report_speed_tenths(created_at, first_claimed_at) as c,
        report_speed_tenths(created_at, first_call_at) as f from leads ${whereClause(where)})`);
    bySource.push(`select brand, source, 'n', 0, count(*)::integer from ${name} group by 1, 2`);
    bySource.push(`select brand, source, 'c', c, count(*)::integer from ${name} where c is not null group by 1, 2, 4`);
    bySource.push(`select brand, source, 'f', f, count(*)::integer from ${name} where f is not null group by 1, 2, 4`);
    byAgent.push(`select agent, 'c', coalesce(c, -1), count(*)::integer from ${name} where agent is not null group by 1, 3`);
    byAgent.push(`select agent, 'f', f, count(*)::integer from ${name} where agent is not null and f is not null group by 1, 3`);
  });
  const withEdges = edges.length ? `with ${edges.join(', ')} ` : '';
  // sorted by byte ("C"): the database's collation compares each text at many times the cost
  const bySourceHist = `select (case when grouping(s.brand) = 0 then 'brand' when grouping(s.key) = 0 then 'source' else 'overall' end) collate "C" as dimension,
        coalesce(s.brand, s.key) collate "C" as key, s.measure collate "C" as measure, s.tenths, sum(s.leads)::integer as n
      from (${bySource.join(' union all ')}) s(brand, key, measure, tenths, leads)
     group by grouping sets ((s.measure, s.tenths), (s.brand, s.measure, s.tenths), (s.key, s.measure, s.tenths))`;
  const byAgentHist = `select a.key collate "C" as key, a.measure collate "C" as measure, a.tenths, sum(a.leads)::integer as n
      from (${byAgent.join(' union all ')}) a(key, measure, tenths, leads) group by 1, 2, 3`;
  const sourceRows = await sql.query<Ranked>(`${withEdges}${rankedSql('dimension, key, measure', bySourceHist)}`, params);
  const agentRows = await sql.query<Ranked>(
    `${withEdges}select 'agent' as dimension, r.*, u.name as label from (${rankedSql('key, measure', byAgentHist)}) r left join users u on u.id::text = r.key`,
    params,
  );
  // one row per group, as the scan gives it
  const groups = new Map<string, Row>();
  for (const ranked of [...sourceRows, ...agentRows]) {
    const id = `${ranked.dimension} ${ranked.key ?? ''}`;
    const row = groups.get(id) ?? { ...emptyRow(), dimension: ranked.dimension, key: ranked.key, label: ranked.label ?? ranked.key };
    groups.set(id, row);
    if (ranked.measure === 'n') row.leads = ranked.total;
    else if (ranked.measure === 'c') {
      // the agents' leads are their claims, with a time or not
      if (ranked.dimension === 'agent') row.leads = ranked.total;
      Object.assign(row, { claimed: ranked.timed, claim_median: ranked.median, claim_p90: ranked.p90 });
    } else Object.assign(row, { called: ranked.timed, call_median: ranked.median, call_p90: ranked.p90 });
  }
  return [...groups.values()];
}

/** Minutes to one decimal from tenths of a minute; percentile_cont over no value (nobody claimed) is null. */
function minutes(tenths: number | string | null): number | null {
  return tenths === null ? null : Math.round(Number(tenths)) / 10;
}

function emptyRow(): Row {
  return { dimension: 'overall', key: null, label: null, leads: '0', claimed: '0', claim_median: null, claim_p90: null, called: '0', call_median: null, call_p90: null };
}
