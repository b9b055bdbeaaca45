import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelReportSchema, agentsReportSchema } from '../../../src-shared/contract/reports.schema';
import { LOST_REASONS } from '../../../src-shared/domain/lost-reasons';
import type { Database } from '../../db/database';
import { BACKENDS, api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { propertyRuns } from '../../testing/property-runs';
import { seededRandom } from '../../testing/seeded-random';
import { adminMoveStage } from '../admin/move-stage.admin';
import { rebuildReportSummary } from './report-summary.admin';
import { splitDays, splitRange } from './report-summary';

describe('splitRange: whole UTC days from the summary, partial days scanned', () => {
  it('splits a floor-day range at UTC midnights and scans its edges', () => {
    expect(splitRange({ from: '2026-11-01T16:00:00Z', to: '2026-11-08T16:00:00Z' })).toEqual({
      days: { from: '2026-11-02', to: '2026-11-08' },
      edges: [
        { from: '2026-11-01T16:00:00Z', to: '2026-11-02T00:00:00Z' },
        { from: '2026-11-08T00:00:00Z', to: '2026-11-08T16:00:00Z' },
      ],
    });
  });
  it('reads midnight bounds and open ends from the summary alone', () => {
    expect(splitRange({})).toEqual({ days: { from: undefined, to: undefined }, edges: [] });
    expect(splitRange({ from: '2026-11-01T00:00:00.000Z' })).toEqual({ days: { from: '2026-11-01', to: undefined }, edges: [] });
    expect(splitRange({ to: '2026-11-03T00:00:00Z' })).toEqual({ days: { from: undefined, to: '2026-11-03' }, edges: [] });
  });
  it('scans a range without a whole day, and a bound just after midnight', () => {
    expect(splitRange({ from: '2026-11-22T16:00:00Z', to: '2026-11-23T16:00:00Z' })).toEqual({ days: null, edges: [{ from: '2026-11-22T16:00:00Z', to: '2026-11-23T16:00:00Z' }] });
    expect(splitRange({ from: '2026-11-01T00:00:00.0000001Z' })).toEqual({
      days: { from: '2026-11-02', to: undefined },
      edges: [{ from: '2026-11-01T00:00:00.0000001Z', to: '2026-11-02T00:00:00Z' }],
    });
  });
});

describe('splitDays: whole UTC months from the monthly agent summary, the days left from the daily one', () => {
  it('reads the whole months of a long range and the days at either end', () => {
    expect(splitDays({ from: '2026-10-30', to: '2026-12-02' })).toEqual({ months: { from: '2026-11-01', to: '2026-12-01' }, days: [{ from: '2026-10-30', to: '2026-11-01' }, { from: '2026-12-01', to: '2026-12-02' }] });
    expect(splitDays({})).toEqual({ months: { from: undefined, to: undefined }, days: [] });
    expect(splitDays({ from: '2026-12-01' })).toEqual({ months: { from: '2026-12-01', to: undefined }, days: [] });
    expect(splitDays({ from: '2026-12-31', to: '2027-01-01' })).toEqual({ months: null, days: [{ from: '2026-12-31', to: '2027-01-01' }] });
    expect(splitDays({ to: '2026-11-15' })).toEqual({ months: { from: undefined, to: '2026-11-01' }, days: [{ from: '2026-11-01', to: '2026-11-15' }] });
  });
});

/** The summary's non-zero rows, and the same counts scanned from leads: they must always be equal. */
async function summaryAndScan(db: Database): Promise<{ summary: unknown[]; scan: unknown[] }> {
  const leadDays = await db.query(
    `select 'stage' as t, day::text, brand, stage_id::text as k, closed, lost_reason as r, leads::int from report_lead_days where leads <> 0
     union all
     select 'agent', day::text, brand, user_id::text || '/' || stage_id::text, closed, '', leads::int from report_agent_days where leads <> 0
     union all
     select 'month', month::text, brand, user_id::text || '/' || stage_id::text, closed, '', leads::int from report_agent_months where leads <> 0
     order by 1, 2, 3, 4, 5, 6`,
  );
  const scan = await db.query(
    `select 'stage' as t, (created_at at time zone 'UTC')::date::text as day, brand, stage_id::text as k, closed, coalesce(lost_reason, '') as r, count(*)::int as leads
       from leads group by 1, 2, 3, 4, 5, 6
     union all
     select 'agent', (created_at at time zone 'UTC')::date::text, brand, user_id::text || '/' || stage_id::text, closed, '', count(*)::int
       from leads where user_id is not null group by 1, 2, 3, 4, 5, 6
     union all
     select 'month', date_trunc('month', created_at at time zone 'UTC')::date::text, brand, user_id::text || '/' || stage_id::text, closed, '', count(*)::int
       from leads where user_id is not null group by 1, 2, 3, 4, 5, 6
     order by 1, 2, 3, 4, 5, 6`,
  );
  return { summary: leadDays, scan };
}

const BRANDS = ['Toyota', 'Honda', 'Nissan'];
// Around UTC midnights and month ends, so leads fall on both sides of a day and a month bound.
const TIMES = ['2026-10-31T23:00:00Z', '2026-12-01T00:00:00Z', '2026-11-20T23:59:59Z', '2026-11-21T00:00:00Z', '2026-11-21T12:00:00Z', '2026-11-21T23:30:00Z', '2026-11-22T00:00:01Z', '2026-11-22T16:00:00Z'];
const RANGES = ['', '?from=2026-11-21T00:00:00Z', '?from=2026-11-20T16:00:00Z&to=2026-11-21T16:00:00Z', '?from=2026-11-21T12:00:00Z&to=2026-11-22T00:00:01Z', '?to=2026-11-21T23:30:00Z&brand=Honda',
  '?from=2026-10-30T00:00:00Z&to=2026-12-02T00:00:00Z', '?from=2026-10-31T12:00:00Z&to=2026-12-01T00:00:01Z', '?from=2026-11-01T00:00:00Z&brand=Toyota'];

describe.each(BACKENDS)('the report summary equals the scan of leads on %s', (backend) => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub(backend);
  });
  afterAll(() => env.close());

  it('after every step of a random floor (intake, claim, stage moves, won, lost, reopen, reassign), and after a rebuild', async () => {
    const { numRuns, seed } = propertyRuns(60);
    const next = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const db = env.db;
    const stages = await stageIds(db);
    const agents = [await createUser(db, 'ana', 'agent', 'Ana'), await createUser(db, 'ben', 'agent', 'Ben')];
    const supervisor = await createUser(db, 'sue', 'supervisor', 'Sue');
    const leads: Array<{ id: string; ref: string }> = [];
    const tokenOf = (userId: string | null) => agents.find((agent) => agent.id === userId)?.token ?? supervisor.token;

    // Each move picks among the leads it applies to (a claim among the pool, a reopen among the closed).
    const WHERE = {
      claim: 'user_id is null and not closed',
      stage: 'user_id is not null and not closed',
      lost: 'user_id is not null and not closed',
      won: 'not closed',
      reopen: 'closed',
      reassign: 'not closed',
    } as const;
    for (let step = 0; step < numRuns; step++) {
      const wanted = leads.length < 3 ? 'intake' : pick(['intake', 'claim', 'claim', 'stage', 'won', 'lost', 'lost', 'reopen', 'reassign'] as const);
      const candidates = wanted === 'intake' ? [] : await db.query<{ id: string; ref: string; user_id: string | null }>(`select id::text, ref, user_id::text from leads where ${WHERE[wanted]} order by id`);
      const move = candidates.length === 0 ? 'intake' : wanted;
      const lead = pick(candidates);
      if (move === 'intake') leads.push(await createLead(db, { brand: pick(BRANDS), createdAt: new Date(pick(TIMES)) }));
      else if (move === 'claim') await api(env.url, pick(agents).token).post(`/leads/${lead.id}/claim`);
      else if (move === 'stage') await api(env.url, tokenOf(lead.user_id)).post(`/leads/${lead.id}/stage`, { stageId: pick([stages['qualified'], stages['negotiation']]) });
      else if (move === 'lost') await api(env.url, tokenOf(lead.user_id)).post(`/leads/${lead.id}/lost`, { reason: pick(LOST_REASONS), notes: '' });
      else if (move === 'won') await adminMoveStage(db, lead.ref, 'Won', env.clock.now());
      else if (move === 'reopen') await adminMoveStage(db, lead.ref, 'New', env.clock.now());
      else await api(env.url, supervisor.token).post(`/leads/${lead.id}/assign`, { userId: pick([...agents.map((agent) => agent.id), null]) });
      const { summary, scan } = await summaryAndScan(db);
      expect(summary, `after step ${step} (${move})`).toEqual(scan);
    }
    // The floor moved: some leads are closed, some lost with a reason, some with agents.
    const [mix] = await db.query<{ closed: number; lost: number; held: number }>(
      `select count(*) filter (where closed)::int as closed, count(*) filter (where lost_reason is not null)::int as lost, count(*) filter (where user_id is not null)::int as held from leads`,
    );
    expect(mix?.closed).toBeGreaterThan(0);
    expect(mix?.lost).toBeGreaterThan(0);
    expect(mix?.held).toBeGreaterThan(0);

    // The reports over ranges cut inside days (summary plus edges) count what a scan of leads counts.
    const get = async (path: string) => (await api(env.url, supervisor.token).get(path)).body;
    for (const range of RANGES) {
      const params = new URLSearchParams(range.slice(1));
      const where: string[] = [];
      const values: string[] = [];
      for (const [name, column] of [['from', 'created_at >='], ['to', 'created_at <'], ['brand', 'brand =']] as const) {
        const value = params.get(name);
        if (value !== null) where.push(`${column} $${values.push(value)}`);
      }
      const scanned = await db.query<{ stage: string; leads: number }>(
        `select stage_id::text as stage, count(*)::int as leads from leads ${where.length ? `where ${where.join(' and ')}` : ''} group by 1`,
        values,
      );
      const funnel = funnelReportSchema.parse(await get(`/reports/funnel${range}`)).filter((row) => row.leads > 0);
      expect(Object.fromEntries(funnel.map((row) => [row.stageId, row.leads])), range).toEqual(Object.fromEntries(scanned.map((row) => [row.stage, row.leads])));
      const held = await db.query<{ user: string; leads: number }>(
        `select user_id::text as user, count(*)::int as leads from leads where user_id is not null ${where.length ? `and ${where.join(' and ')}` : ''} group by 1`,
        values,
      );
      const byAgent = agentsReportSchema.parse(await get(`/reports/agents${range}`));
      expect(Object.fromEntries(byAgent.map((row) => [row.userId, row.leads])), range).toEqual(Object.fromEntries(held.map((row) => [row.user, row.leads])));
    }

    // A summary gone wrong (a hand edit, a restore of an old copy) is put right by the rebuild.
    await db.query('update report_lead_days set leads = leads + 5');
    await db.query('delete from report_agent_days');
    await db.query('update report_agent_months set leads = 0');
    expect((await summaryAndScan(db)).summary).not.toEqual((await summaryAndScan(db)).scan);
    await rebuildReportSummary(db);
    const rebuilt = await summaryAndScan(db);
    expect(rebuilt.summary).toEqual(rebuilt.scan);
    // The refilled tables are vacuumed: their pages all-visible for the index-only reads (migration 14), their
    // statistics new.
    const vacuumed = await db.query<{ table: string; visible: boolean }>(
      `select relname as table, relallvisible = relpages as visible from pg_class where relname in ('report_lead_days', 'report_call_days') order by relname`,
    );
    expect(vacuumed).toEqual([
      { table: 'report_call_days', visible: true },
      { table: 'report_lead_days', visible: true },
    ]);
    expect(await db.query<{ pages: number }>(`select relpages as pages from pg_class where relname = 'report_lead_days'`)).not.toEqual([{ pages: 0 }]);
  });
});
