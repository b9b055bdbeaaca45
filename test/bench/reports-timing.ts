import { performance } from 'node:perf_hooks';
import { REPORT_PATHS } from '../../src-shared/contract/reports.schema';
import { percentile, round } from './bench-stats';

/** Runs per report; each run takes the next filter set, so every report sees every kind of range (3 of each). */
export const REPORT_RUNS = 30;

/** Runs of speed to lead per filter set (SPEED_FILTERS): its p95 for each kind of range. */
export const SPEED_RUNS = 10;

/** The Reports screen's "Last 30 days" for a floor at UTC+8. */
const LAST_30_DAYS = 'from=2026-10-24T16:00:00Z&to=2026-11-23T16:00:00Z&utcOffsetMinutes=480';

/**
 * The filters a supervisor picks: the Reports screen's presets (a range of floor days, UTC+8 here), a custom
 * range, and the whole history (no range: every lead aggregated, the worst case). The seed's leads arrive every
 * 30 s back from 2026-11-23, so at 1,000,000 "last 30 days" holds 86,400 of them. The last three hold no whole
 * UTC year, where speed to lead read whole years only and scanned months of leads: from 1 March on; a year ago
 * and 17 days to today (floor days); mid-month to mid-month (15 February to 14 September, floor days).
 */
const REPORT_FILTERS: ReadonlyArray<{ query: string; ranged: boolean }> = [
  { query: '', ranged: false },
  { query: 'from=2026-11-22T16:00:00Z&to=2026-11-23T16:00:00Z&utcOffsetMinutes=480', ranged: true },
  { query: 'from=2026-11-16T16:00:00Z&to=2026-11-23T16:00:00Z&brand=Honda&utcOffsetMinutes=480', ranged: true },
  { query: LAST_30_DAYS, ranged: true },
  { query: 'from=2026-06-01T04:00:00Z&to=2026-07-01T04:00:00Z&utcOffsetMinutes=-240', ranged: true },
  { query: 'brand=Toyota', ranged: false },
  { query: 'from=2026-11-01T00:00:00Z', ranged: true },
  { query: 'from=2026-03-01T00:00:00Z', ranged: true },
  { query: 'from=2025-12-09T16:00:00Z&to=2026-11-23T16:00:00Z&utcOffsetMinutes=480', ranged: true },
  { query: 'from=2026-02-14T16:00:00Z&to=2026-09-14T16:00:00Z&utcOffsetMinutes=480', ranged: true },
];

async function timedGet(url: string, token: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = performance.now() - start;
  if (!response.ok) throw new Error(`${url} → ${response.status} ${text.slice(0, 200)}`);
  return ms;
}

export interface ReportTimings {
  samples: number;
  byReport: Record<string, { p50: number; p95: number; max: number }>;
  /** Over every run of every report. */
  p95: number;
  /** Over the runs with a date range (what the Reports screen sends). */
  rangedP95: number;
}

/** Each floor report REPORT_RUNS times over HTTP (after one warm-up per filter set): p50 and p95 each, p95 overall. */
export async function timeReports(baseUrl: string, token: string): Promise<ReportTimings> {
  const byReport: ReportTimings['byReport'] = {};
  const all: number[] = [];
  const ranged: number[] = [];
  for (const path of Object.values(REPORT_PATHS)) {
    for (const filters of REPORT_FILTERS) await timedGet(`${baseUrl}${path}?${filters.query}`, token);
    const samples: number[] = [];
    for (let run = 0; run < REPORT_RUNS; run++) {
      const filters = REPORT_FILTERS[run % REPORT_FILTERS.length] ?? { query: '', ranged: false };
      const ms = await timedGet(`${baseUrl}${path}?${filters.query}`, token);
      samples.push(ms);
      if (filters.ranged) ranged.push(ms);
    }
    all.push(...samples);
    byReport[path] = { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)) };
  }
  return { samples: REPORT_RUNS, byReport, p95: round(percentile(all, 95)), rangedP95: round(percentile(ranged, 95)) };
}

export type TimingsByFilter = Record<string, { p50: number; p95: number; max: number }>;

/**
 * One report over each filter set SPEED_RUNS times (after one warm-up each): p50, p95 and max per filter set, keyed
 * by its query ('' the whole history). Speed to lead and calls: the reports whose cost depends most on the kind of
 * range.
 */
export async function timeReportByFilter(baseUrl: string, token: string, path: string): Promise<TimingsByFilter> {
  const byFilter: TimingsByFilter = {};
  for (const filters of REPORT_FILTERS) {
    const url = `${baseUrl}${path}?${filters.query}`;
    await timedGet(url, token);
    const samples: number[] = [];
    for (let run = 0; run < SPEED_RUNS; run++) samples.push(await timedGet(url, token));
    byFilter[filters.query] = { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)) };
  }
  return byFilter;
}

/** The timings per filter set as a table's rows ('(whole history)' for the empty query). */
export function byFilterRows(timings: TimingsByFilter): TimingsByFilter {
  return Object.fromEntries(Object.entries(timings).map(([query, timing]) => [query || '(whole history)', timing]));
}

/** One CSV export read to the end, counting its lines (as the desktop does). */
export async function timeExport(baseUrl: string, token: string, query: string): Promise<{ query: string; rows: number; megabytes: number; ms: number }> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}/leads/export.csv?${query}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`export → ${response.status} ${await response.text()}`);
  let newlines = 0;
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 0x0a) newlines++;
  }
  return { query, rows: Math.max(0, newlines - 1), megabytes: round(bytes / 1_048_576), ms: round(performance.now() - start, 0) };
}

/**
 * What a report cannot go below, in the same run, straight SQL through a pg client (median of 3):
 * - without a summary, over the whole history: one exact median over every lead's minutes to claim (the one
 *   sort speed-to-lead needs per figure and grouping; it needs 8), and the calls grouped per agent, UTC day and
 *   result with nothing joined or sent;
 * - over the last 30 days, which speed to lead scans (a summary per day is no smaller than the leads it counts):
 *   one exact median over those leads' minutes to claim;
 * - with any summary: the whole-history calls answer (a row per agent, day and result) read from a table that
 *   holds exactly it — sending the answer at all.
 */
export async function timeReportFloors(
  databaseUrl: string,
): Promise<{ oneMedianOverAllLeadsMs: number; callsGroupedMs: number; callsReportRows: number; oneMedianOver30DaysMs: number; callsAnswerReadMs: number }> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const median = async (sql: string) => {
    const runs: number[] = [];
    let rows = 0;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      rows = (await client.query(sql)).rowCount ?? 0;
      runs.push(performance.now() - start);
    }
    return { ms: round(percentile(runs, 50)), rows };
  };
  try {
    const sort = await median(`select percentile_cont(0.5) within group (order by extract(epoch from (first_claimed_at - created_at))) from leads`);
    const calls = await median(`select user_id, (created_at at time zone 'UTC')::date, result, count(*) from call_logs group by 1, 2, 3`);
    const last30Days = new URLSearchParams(LAST_30_DAYS);
    const ranged = await median(
      `select percentile_cont(0.5) within group (order by extract(epoch from (first_claimed_at - created_at))) from leads
        where created_at >= '${last30Days.get('from')}' and created_at < '${last30Days.get('to')}'`,
    );
    await client.query(
      `create temp table floor_calls_answer as select c.user_id, u.name, to_char((c.created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, c.result, count(*) as calls
         from call_logs c join users u on u.id = c.user_id group by 1, 2, 3, 4`,
    );
    const answer = await median('select * from floor_calls_answer');
    return { oneMedianOverAllLeadsMs: sort.ms, callsGroupedMs: calls.ms, callsReportRows: calls.rows, oneMedianOver30DaysMs: ranged.ms, callsAnswerReadMs: answer.ms };
  } finally {
    await client.end();
  }
}
