import { CALL_RESULTS, type CallResult } from '../../../src-shared/domain/call-results';
import type { CallsReport, ReportQuery } from '../../../src-shared/contract/reports.schema';
import type { Database } from '../../db/database';
import { inReportTransaction, paramAdder, whereClause } from './report-filters';
import { splitRange } from './report-summary';

const QUARTER_MINUTES = 15;
const DAY_MINUTES = 1440;

/**
 * Calls per agent, floor day and result. The range bounds the call's own time; the brand is the called lead's.
 * The day is the UTC time shifted by the floor's offset, so a call at 23:30 UTC is on the next day for a floor
 * at UTC+1.
 *
 * Whole UTC days come from the summaries: at UTC from the day totals (`report_call_totals`, migration 11);
 * a floor offset by a whole number of quarter hours (every time zone in use) splits each UTC day at one quarter
 * hour into the two floor days it touches, read from the day's running counts (`report_call_days`, migration
 * 10; from its key alone since migration 14); the partial days at the range's edges are scanned (index
 * `call_logs_created`). Any other offset is scanned whole.
 */
export async function callsReport(db: Database, query: ReportQuery): Promise<CallsReport> {
  const params: unknown[] = [];
  const add = paramAdder(params);
  const brand = query.brand === undefined ? undefined : add(query.brand);
  const offset = query.utcOffsetMinutes;
  const split = offset % QUARTER_MINUTES === 0 ? splitRange(query) : { days: null, edges: [{ from: query.from, to: query.to }] };
  const parts: string[] = [];
  if (split.days) {
    const where = [`r.scope = '${brand ? 'b' : 'a'}'`];
    if (brand) where.push(`r.brand = ${brand}`);
    if (split.days.from) where.push(`r.day >= ${add(split.days.from)}::date`);
    if (split.days.to) where.push(`r.day < ${add(split.days.to)}::date`);
    // Every brand's running counts (scope 'a') are kept under the brand '': said here too, so the days are one range
    // of the key (scope, brand, day, …; migration 14) and the planner reads that range from the index alone instead of
    // the whole table (1,000,000 leads on the benches' PostgreSQL 18, a year's counts: 24 → 12 ms a read).
    const days = `from report_call_days r ${whereClause(brand ? where : [...where, `r.brand = ''`])}`;
    // a floor at UTC splits no day: the day totals alone (migration 11), not the rows of 96 running counts
    if (offset === 0) parts.push(`select r.user_id, r.day, r.result, r.calls from report_call_totals r ${whereClause(where)}`);
    else {
      // the UTC minute at which the floor's day changes: before it the floor is on day + dayBefore, from it on day + dayAfter
      const changeMinute = offset > 0 ? DAY_MINUTES - offset : -offset;
      const quarter = changeMinute / QUARTER_MINUTES;
      const dayBefore = offset < 0 ? -1 : 0;
      const dayAfter = offset > 0 ? 1 : 0;
      parts.push(`select r.user_id, r.day + ${dayBefore}, r.result, r.before[${quarter}] as calls ${days}`);
      parts.push(`select r.user_id, r.day + ${dayAfter}, r.result, r.before[96] - r.before[${quarter}] ${days}`);
    }
  }
  // grouped by date, formatted after grouping: a date hashes faster than text, per call
  const floorDay = () => `((c.created_at at time zone 'UTC') + ${add(offset)}::integer * interval '1 minute')::date`;
  for (const edge of split.edges) {
    const where: string[] = [];
    if (edge.from) where.push(`c.created_at >= ${add(edge.from)}`);
    if (edge.to) where.push(`c.created_at < ${add(edge.to)}`);
    if (brand) where.push(`exists (select 1 from leads l where l.id = c.lead_id and l.brand = ${brand})`);
    // counted as integer like the summaries' counts, so the sums below add integers, not numerics
    parts.push(`select c.user_id, ${floorDay()}, c.result, count(*)::integer from call_logs c ${whereClause(where)} group by 1, 2, 3`);
  }
  const rows = await inReportTransaction(db, (tx) => tx.query<AgentDayRow>(
    `select g.user_id, u.name, to_char(g.day, 'YYYY-MM-DD') as day, ${RESULTS_IN_ORDER.map((result) => `g.${result}`).join(', ')}
       from (select p.user_id, p.day, ${RESULTS_IN_ORDER.map((result) => `coalesce(sum(p.calls) filter (where p.result = '${result}'), 0)::integer as ${result}`).join(', ')}
               from (${parts.join(' union all ')}) p(user_id, day, result, calls)
              group by 1, 2
             having sum(p.calls) > 0) g
       -- each agent's place by name (and id) is ranked once over the users: the rows then sort on integers
       -- instead of comparing a name in the database's collation per row
       join (select id, name, row_number() over (order by name, id) as place from users) u on u.id = g.user_id
      order by g.day, u.place`,
    params,
  ));
  return perResult(rows);
}

/** One agent's floor day as the query answers it: the calls of each result. */
type AgentDayRow = { user_id: string; name: string; day: string } & Record<CallResult, number>;

/** The results in the order the report lists a day's rows: by name, as `order by result` sorted them. */
const RESULTS_IN_ORDER = [...CALL_RESULTS].sort();

/**
 * The agent-days as the report's rows, one per result with calls. The query groups by agent and day (about a fifth
 * of the rows of grouping by result too: over a year at UTC+8, 5,525 instead of 27,605, 54 ms instead of 150 in
 * PostgreSQL and its client) and the results become rows here.
 */
function perResult(rows: readonly AgentDayRow[]): CallsReport {
  const report: CallsReport = [];
  for (const row of rows) {
    for (const result of RESULTS_IN_ORDER) {
      const calls = row[result];
      if (calls > 0) report.push({ userId: row.user_id, name: row.name, day: row.day, result, calls });
    }
  }
  return report;
}
