import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsReportSchema, speedToLeadReportSchema, type CallsReport, type SpeedToLeadReport } from '../../../src-shared/contract/reports.schema';
import { CALL_RESULTS } from '../../../src-shared/domain/call-results';
import type { Database } from '../../db/database';
import { BACKENDS, api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { propertyRuns } from '../../testing/property-runs';
import { seededRandom } from '../../testing/seeded-random';
import { rebuildReportSummary } from './report-summary.admin';
import { planSpeedRange } from './speed-range';

/**
 * Migration 10's, 11's and 13's summaries against what they summarise, written here independently: the yearly
 * and monthly speed-to-lead counts against counts scanned from leads, the calls' running quarter-hour counts and day totals
 * against the calls counted in JavaScript, and the two reports against percentiles and floor days computed in JavaScript from the rows.
 */

const BRANDS = ['Toyota', 'Honda', 'Nissan'];
const SOURCES = ['Website', 'Facebook', 'Walk-in'];
// Around UTC midnights, both sides of month ends and of two year ends, so leads fall on both sides of a day, a
// month and a year bound.
const TIMES = ['2025-12-31T23:30:00Z', '2026-01-01T00:00:00Z', '2026-02-28T23:59:59Z', '2026-03-01T00:00:00Z', '2026-03-16T10:00:00Z', '2026-06-30T20:00:00Z', '2026-11-21T00:00:00Z',
  '2026-11-22T23:59:59Z', '2026-11-23T08:10:00Z', '2026-11-23T08:59:30Z', '2026-12-31T23:00:00Z', '2027-01-01T00:00:01Z'];
const RANGES = [
  '',
  '?from=2026-01-01T00:00:00Z',
  '?from=2025-12-31T12:00:00Z&to=2027-01-01T00:00:01Z',
  '?to=2027-01-01T00:00:00Z&brand=Honda',
  '?from=2026-11-22T16:00:00Z&to=2026-11-25T16:00:00Z',
  '?brand=Toyota',
  '?from=2026-11-23T09:00:00Z&to=2026-11-24T00:00:00Z&brand=Nissan',
  // whole months inside a year, floor months (UTC+8) and mid-month edges: months counted, parts of them taken away
  '?from=2026-03-01T00:00:00Z',
  '?from=2026-02-14T16:00:00Z&to=2026-11-14T16:00:00Z',
  '?from=2026-02-28T16:00:00Z&to=2026-06-30T16:00:00Z&brand=Toyota',
  '?from=2026-11-02T00:00:00Z&to=2026-11-30T00:00:00Z',
  '?from=2026-03-01T00:00:00.0000001Z&to=2026-12-31T23:00:00Z',
];
// whole hours either way, quarter hours (UTC+5:45, UTC+5:30), the ends of the allowed range, and one scanned whole (7 minutes)
const OFFSETS = [0, 60, -300, 345, 330, 480, 840, -840, 7];

/** Minutes from arrival to a moment at the report's resolution, in tenths of a minute (migration 10's rule, restated). */
function tenths(created: Date, at: Date | null): number | null {
  if (at === null) return null;
  const seconds = (at.getTime() - created.getTime()) / 1000;
  if (seconds < 3597) return Math.max(Math.floor(seconds / 6 + 0.5), 0);
  return Math.floor(seconds / 360 + 0.5) * 60;
}

/** PostgreSQL's percentile_cont over sorted values, in float8. */
function percentileCont(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = q * (sorted.length - 1);
  const lo = sorted[Math.floor(position)] as number;
  const hi = sorted[Math.ceil(position)] as number;
  return lo + (position - Math.floor(position)) * (hi - lo);
}

interface LeadFacts {
  brand: string;
  source: string;
  agent: string | null;
  agentName: string | null;
  created: Date;
  claim: number | null;
  call: number | null;
}

/** The speed-to-lead report computed from the leads' own rows. */
function expectedSpeed(leads: readonly LeadFacts[]): SpeedToLeadReport {
  const stats = (group: readonly LeadFacts[]) => {
    const of = (values: Array<number | null>) => {
      const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
      const minutes = (value: number | null) => (value === null ? null : Math.round(value) / 10);
      return { leads: sorted.length, medianMinutes: minutes(percentileCont(sorted, 0.5)), p90Minutes: minutes(percentileCont(sorted, 0.9)) };
    };
    return { leads: group.length, toClaim: of(group.map((lead) => lead.claim)), toFirstCall: of(group.map((lead) => lead.call)) };
  };
  const groups: SpeedToLeadReport['groups'] = [];
  for (const dimension of ['brand', 'source', 'agent'] as const) {
    const keyOf = (lead: LeadFacts) => (dimension === 'brand' ? lead.brand : dimension === 'source' ? lead.source : lead.agent);
    for (const key of new Set(leads.map(keyOf))) {
      if (key === null) continue;
      const group = leads.filter((lead) => keyOf(lead) === key);
      groups.push({ dimension, key, label: dimension === 'agent' ? (group[0]?.agentName ?? key) : key, ...stats(group) });
    }
  }
  groups.sort((a, b) => a.dimension.localeCompare(b.dimension) || b.leads - a.leads || a.label.localeCompare(b.label));
  return { overall: stats(leads), groups };
}

interface CallFacts {
  at: Date;
  userId: string;
  name: string;
  result: string;
  brand: string;
}

/** The calls report computed from the calls' own rows: per agent, floor day and result. */
function expectedCalls(calls: readonly CallFacts[], offset: number): CallsReport {
  const counts = new Map<string, { userId: string; name: string; day: string; result: CallsReport[number]['result']; calls: number }>();
  for (const call of calls) {
    const day = new Date(call.at.getTime() + offset * 60_000).toISOString().slice(0, 10);
    const key = `${day} ${call.userId} ${call.result}`;
    const row = counts.get(key) ?? { userId: call.userId, name: call.name, day, result: call.result as CallsReport[number]['result'], calls: 0 };
    row.calls++;
    counts.set(key, row);
  }
  return byDayAgentResult([...counts.values()]);
}

const byDayAgentResult = (rows: CallsReport): CallsReport =>
  [...rows].sort((a, b) => a.day.localeCompare(b.day) || a.userId.localeCompare(b.userId) || a.result.localeCompare(b.result));

/** The yearly and monthly speed counts and the calls' quarter-hour counts, as stored (non-zero) and as scanned from their rows. */
async function summaryAndScan(db: Database): Promise<{ speed: unknown[]; speedScan: unknown[]; calls: unknown[]; callsScan: unknown[] }> {
  // each stored slot's count (slot 0: a lead without the measure's value, -1 here)
  const speed = await db.query(
    `select c.period, c.first_day::text as first_day, c.span, c.brand, c.dim, c.key, c.measure,
            case when s.slot = 0 then -1 when s.slot <= 600 then s.slot - 1 else 600 + (s.slot - 601) * 60 end as tenths, s.leads
       from report_speed_counts c
      cross join lateral (select c.chunk * 64 + p as slot,
                                 (get_byte(c.counts, p * 4) << 24) | (get_byte(c.counts, p * 4 + 1) << 16) | (get_byte(c.counts, p * 4 + 2) << 8) | get_byte(c.counts, p * 4 + 3) as leads
                            from generate_series(0, 63) p) s
      where s.leads <> 0
      order by 1, 2, 3, 4, 5, 6, 7, 8`,
  );
  const speedScan = await db.query(
    `with l as (select date_trunc('year', created_at at time zone 'UTC')::date::text as year, date_trunc('month', created_at at time zone 'UTC')::date::text as month,
                       brand, source, first_claimed_by::text as agent,
                       report_speed_tenths(created_at, first_claimed_at) as claim, report_speed_tenths(created_at, first_call_at) as call from leads),
          p as (select 'y' as period, year as first_day, brand, source, agent, claim, call from l union all select 'm', month, brand, source, agent, claim, call from l)
     select * from (
       select period, first_day, 'b' as span, brand, 's' as dim, source as key, 'n' as measure, -1 as tenths, count(*)::int as leads from p group by 1, 2, 4, 6
       union all select period, first_day, 'b', brand, 's', source, 'c', claim, count(*)::int from p where claim is not null group by 1, 2, 4, 6, 8
       union all select period, first_day, 'b', brand, 's', source, 'f', call, count(*)::int from p where call is not null group by 1, 2, 4, 6, 8
       union all select period, first_day, 'b', brand, 'a', agent, 'c', coalesce(claim, -1), count(*)::int from p where agent is not null group by 1, 2, 4, 6, 8
       union all select period, first_day, 'b', brand, 'a', agent, 'f', call, count(*)::int from p where agent is not null and call is not null group by 1, 2, 4, 6, 8
       union all select period, first_day, 'a', '', 'a', agent, 'c', coalesce(claim, -1), count(*)::int from p where agent is not null group by 1, 2, 6, 8
       union all select period, first_day, 'a', '', 'a', agent, 'f', call, count(*)::int from p where agent is not null and call is not null group by 1, 2, 6, 8
     ) s order by 1, 2, 3, 4, 5, 6, 7, 8`,
  );
  const calls = (await db.query<{ scope: string; day: string; brand: string; user_id: string; result: string; before: number[] }>(
    `select scope, day::text, brand, user_id::text, result, before from report_call_days where before[96] <> 0`,
  ))
    .map((row) => `${row.scope} ${row.day} ${row.brand} ${row.user_id} ${row.result}: ${row.before.join(',')}`)
    .sort();
  const counted = new Map<string, number[]>();
  for (const call of await callFacts(db)) {
    const quarter = call.at.getUTCHours() * 4 + Math.floor(call.at.getUTCMinutes() / 15);
    for (const [scope, brand] of [['a', ''], ['b', call.brand]]) {
      const key = `${scope} ${call.at.toISOString().slice(0, 10)} ${brand} ${call.userId} ${call.result}`;
      const before = counted.get(key) ?? new Array<number>(96).fill(0);
      for (let q = quarter + 1; q <= 96; q++) before[q - 1] = (before[q - 1] ?? 0) + 1;
      counted.set(key, before);
    }
  }
  const callsScan = [...counted.entries()].map(([key, before]) => `${key}: ${before.join(',')}`).sort();
  // the day totals (migration 11): each day's count alone, the last of its running counts
  const totals = (await db.query<{ scope: string; day: string; brand: string; user_id: string; result: string; calls: number }>(
    `select scope, day::text, brand, user_id::text, result, calls from report_call_totals where calls <> 0`,
  ))
    .map((row) => `${row.scope} ${row.day} ${row.brand} ${row.user_id} ${row.result}: ${row.calls}`)
    .sort();
  const totalsScan = [...counted.entries()].map(([key, before]) => `${key}: ${before[95]}`).sort();
  return { speed, speedScan, calls: [...calls, ...totals], callsScan: [...callsScan, ...totalsScan] };
}

/** How the report reads a range over these leads (speed-range.ts), in a few words. */
async function planOf(db: Database, params: URLSearchParams): Promise<string> {
  const brand = params.get('brand');
  const [extent] = await db.query<{ first: number | null; last: number | null }>(
    `select (extract(epoch from min(created_at)) * 1000)::float8 as first, (extract(epoch from max(created_at)) * 1000)::float8 as last from leads where $1::text is null or brand = $1`,
    [brand],
  );
  const plan = planSpeedRange(
    { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined },
    extent?.first == null || extent.last == null ? null : { first: extent.first, last: extent.last },
  );
  return [...plan.counted.map((piece) => `${piece.sign > 0 ? '+' : '-'}${piece.period}`), ...plan.scanned.map((piece) => `${piece.sign > 0 ? '+' : '-'}scan`)].join(' ');
}

async function callFacts(db: Database): Promise<CallFacts[]> {
  const rows = await db.query<{ at: Date; user_id: string; name: string; result: string; brand: string }>(
    `select c.created_at as at, c.user_id::text, u.name, c.result, l.brand from call_logs c join leads l on l.id = c.lead_id join users u on u.id = c.user_id`,
  );
  return rows.map((row) => ({ at: new Date(row.at), userId: row.user_id, name: row.name, result: row.result, brand: row.brand }));
}

async function leadFacts(db: Database): Promise<LeadFacts[]> {
  const rows = await db.query<{ brand: string; source: string; agent: string | null; name: string | null; created_at: Date; first_claimed_at: Date | null; first_call_at: Date | null }>(
    `select l.brand, l.source, l.first_claimed_by::text as agent, u.name, l.created_at, l.first_claimed_at, l.first_call_at
       from leads l left join users u on u.id = l.first_claimed_by`,
  );
  return rows.map((row) => {
    const created = new Date(row.created_at);
    const at = (value: Date | null) => (value === null ? null : new Date(value));
    return { brand: row.brand, source: row.source, agent: row.agent, agentName: row.name, created, claim: tenths(created, at(row.first_claimed_at)), call: tenths(created, at(row.first_call_at)) };
  });
}

describe.each(BACKENDS)('speed-to-lead and calls summaries on %s', (backend) => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub(backend);
  });
  afterAll(() => env.close());

  it('count minutes at the resolution the report shows: tenths of a minute, tenths of an hour from an hour on, never below 0', async () => {
    const cases: Array<[string, number]> = [['-00:05:00', 0], ['00:00:02', 0], ['00:00:03', 1], ['00:00:04', 1], ['00:04:31', 45], ['00:59:56', 599], ['00:59:57', 600], ['01:02:59', 600], ['01:03:00', 660], ['26:00:00', 15600]];
    const rows = await env.db.query<{ tenths: number }>(
      `select report_speed_tenths(timestamptz '2026-11-23T08:00:00Z', timestamptz '2026-11-23T08:00:00Z' + d::interval) as tenths from unnest($1::text[]) with ordinality u(d, i) order by i`,
      [cases.map(([duration]) => duration)],
    );
    expect(rows.map((row) => row.tenths)).toEqual(cases.map(([, expected]) => expected));
    // the same rule as this file's own, which computes the expected reports
    for (const [duration, expected] of cases) {
      const [hours, minutes, seconds] = duration.replace('-', '').split(':').map(Number);
      const ms = ((hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0)) * 1000 * (duration.startsWith('-') ? -1 : 1);
      expect(tenths(new Date(0), new Date(ms)), duration).toBe(expected);
    }
  });

  it('after every step of a random floor (intake across year ends, claims, calls at any hour, reassignments, brand and time edits, calls removed), and after a rebuild; the reports equal the rows for any range, brand and floor offset', async () => {
    const { numRuns, seed } = propertyRuns(60);
    const next = seededRandom(seed + 9);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const db = env.db;
    const agents = [await createUser(db, 'sc-ana', 'agent', 'Ana'), await createUser(db, 'sc-ben', 'agent', 'Ben'), await createUser(db, 'sc-cy', 'agent', 'Cy')];
    const supervisor = await createUser(db, 'sc-sue', 'supervisor', 'Sue');
    const tokenOf = (userId: string | null) => agents.find((agent) => agent.id === userId)?.token ?? supervisor.token;
    const WHERE = {
      claim: 'user_id is null and not closed',
      call: 'user_id is not null and not closed',
      reassign: 'not closed',
      rebrand: 'true',
      retime: 'true',
      uncall: 'true',
    } as const;
    let leads = 0;
    for (let step = 0; step < numRuns; step++) {
      env.clock.advance((pick([0, 1, 7, 16, 45, 190]) * 60 + Math.floor(next() * 60)) * 1000);
      const wanted = leads < 3 ? 'intake' : pick(['intake', 'claim', 'claim', 'call', 'call', 'call', 'reassign', 'rebrand', 'retime', 'uncall'] as const);
      const candidates =
        wanted === 'intake' ? [] : await db.query<{ id: string; user_id: string | null }>(`select id::text, user_id::text from ${wanted === 'uncall' ? 'call_logs' : 'leads'} where ${WHERE[wanted]} order by id`);
      const move = candidates.length === 0 ? 'intake' : wanted;
      const row = pick(candidates);
      if (move === 'intake') {
        await createLead(db, { brand: pick(BRANDS), source: pick(SOURCES), createdAt: new Date(pick(TIMES)) });
        leads++;
      } else if (move === 'claim') await api(env.url, pick(agents).token).post(`/leads/${row.id}/claim`);
      else if (move === 'call') {
        const logged = await api(env.url, tokenOf(row.user_id)).post(`/leads/${row.id}/calls`, { durationMin: 2, result: pick(CALL_RESULTS), summary: '' });
        expect(logged.status, JSON.stringify(logged.body)).toBe(201);
      } else if (move === 'reassign') await api(env.url, supervisor.token).post(`/leads/${row.id}/assign`, { userId: pick([...agents.map((agent) => agent.id), null]) });
      // edits no route makes, which the triggers must follow all the same
      else if (move === 'rebrand') await db.query('update leads set brand = $2 where id = $1', [row.id, pick(BRANDS)]);
      else if (move === 'retime') {
        const column = pick(['created_at', 'first_claimed_at', 'first_call_at']);
        await db.query(`update leads set ${column} = $2 where id = $1${column === 'created_at' ? '' : ` and ${column} is not null`}`, [row.id, column === 'created_at' ? pick(TIMES) : next() < 0.5 ? null : env.clock.now()]);
      } else await db.query('delete from call_logs where id = $1', [row.id]);
      const { speed, speedScan, calls, callsScan } = await summaryAndScan(db);
      expect(speed, `speed counts after step ${step} (${move})`).toEqual(speedScan);
      expect(calls, `call counts after step ${step} (${move})`).toEqual(callsScan);
    }
    // Whatever the random floor did: a lead on each side of both year ends, one claimed without a claim time.
    for (const createdAt of ['2025-12-31T23:30:00Z', '2026-01-01T00:00:00Z', '2026-12-31T23:00:00Z', '2027-01-01T00:00:01Z']) {
      const lead = await createLead(db, { brand: pick(BRANDS), source: pick(SOURCES), createdAt: new Date(createdAt) });
      await api(env.url, pick(agents).token).post(`/leads/${lead.id}/claim`);
    }
    await db.query('update leads set first_claimed_at = null where id = (select max(id) from leads)');
    const { speed, speedScan, calls, callsScan } = await summaryAndScan(db);
    expect(speed).toEqual(speedScan);
    expect(calls).toEqual(callsScan);
    const [mix] = await db.query<{ claimed: number; called: number; days: number }>(
      `select count(first_claimed_at)::int as claimed, count(first_call_at)::int as called, (select count(distinct (created_at at time zone 'UTC')::date)::int from call_logs) as days from leads`,
    );
    expect(mix?.claimed).toBeGreaterThan(5);
    expect(mix?.called).toBeGreaterThan(3);
    expect(mix?.days).toBeGreaterThan(1);

    // The reports over ranges across and inside years, brands and floor offsets equal the rows computed here.
    const get = async (path: string) => (await api(env.url, supervisor.token).get(path)).body;
    const allLeads = await leadFacts(db);
    const allCalls = await callFacts(db);
    const plans: string[] = [];
    for (const range of RANGES) {
      const params = new URLSearchParams(range.slice(1));
      plans.push(await planOf(db, params));
      const inRange = (at: Date, brand: string) =>
        (params.get('from') === null || at >= new Date(params.get('from') as string)) &&
        (params.get('to') === null || at < new Date(params.get('to') as string)) &&
        (params.get('brand') === null || brand === params.get('brand'));
      const speedReport = speedToLeadReportSchema.parse(await get(`/reports/speed-to-lead${range}`));
      expect(speedReport, `speed to lead ${range}`).toEqual(expectedSpeed(allLeads.filter((lead) => inRange(lead.created, lead.brand))));
      for (const offset of OFFSETS) {
        const callsReport = callsReportSchema.parse(await get(`/reports/calls${range ? `${range}&` : '?'}utcOffsetMinutes=${offset}`));
        expect(byDayAgentResult(callsReport), `calls ${range} at ${offset}`).toEqual(expectedCalls(allCalls.filter((call) => inRange(call.at, call.brand)), offset));
      }
    }

    // The ranges read whole years and months, and take parts of months away (scanned, or months from a year).
    expect(plans.join(' ')).toMatch(/\+month/);
    expect(plans.join(' ')).toMatch(/-scan/);
    expect(plans.join(' ')).toMatch(/-month/);

    // Summaries gone wrong (a hand edit, a restore of an old copy) are put right by the rebuild.
    await db.query('update report_speed_counts set counts = overlay(counts placing int4send(2) from 1 for 4)');
    await db.query('delete from report_call_days where scope = $1', ['b']);
    await db.query('update report_call_totals set calls = calls + 1');
    const broken = await summaryAndScan(db);
    expect(broken.speed).not.toEqual(broken.speedScan);
    expect(broken.calls).not.toEqual(broken.callsScan);
    await rebuildReportSummary(db);
    const rebuilt = await summaryAndScan(db);
    expect(rebuilt.speed).toEqual(rebuilt.speedScan);
    expect(rebuilt.calls).toEqual(rebuilt.callsScan);
  });
});
