import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_PATHS,
  agentsReportSchema,
  brandsReportSchema,
  funnelReportSchema,
  lostReasonsReportSchema,
} from '../../../src-shared/contract/reports.schema';
import { FEATURE_BACKENDS, api, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { seedReportsFixture, type ReportsFixture } from './reports.fixture';

/** Expectations are counted by hand from the table in reports.fixture.ts. */
const RANGE = 'from=2026-11-01T10:00:00Z&to=2026-11-10T00:00:00Z'; // L1..L8 and L17: `from` inclusive (L1), `to` exclusive (L9)

describe.each(FEATURE_BACKENDS)('floor reports over leads on %s', (backend) => {
  let env: TestHub;
  let floor: ReportsFixture;
  const get = async <T>(path: string): Promise<T> => {
    const answer = await api(env.url, floor.users.supervisor.token).get<T>(path);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    env = await startTestHub(backend);
    floor = await seedReportsFixture(env.db);
  });
  afterAll(() => env.close());

  it('funnel: leads per current stage, every stage by sequence, zeros included', async () => {
    const funnel = async (query: string) => funnelReportSchema.parse(await get(`/reports/funnel${query}`)).map((row) => [row.stageName, row.leads]);
    expect(await funnel('')).toEqual([['New', 6], ['Qualified', 2], ['Negotiation', 1], ['Won', 3], ['Lost', 5]]);
    expect(await funnel(`?${RANGE}`)).toEqual([['New', 1], ['Qualified', 1], ['Negotiation', 1], ['Won', 2], ['Lost', 4]]);
    expect(await funnel('?brand=Honda')).toEqual([['New', 2], ['Qualified', 0], ['Negotiation', 1], ['Won', 1], ['Lost', 2]]);
    expect(await funnel('?brand=Kia')).toEqual([['New', 0], ['Qualified', 0], ['Negotiation', 0], ['Won', 0], ['Lost', 0]]);
    const rows = funnelReportSchema.parse(await get('/reports/funnel'));
    expect(rows.map((row) => [row.stageId, row.isWon, row.isLost])).toEqual([
      [floor.stages.new, false, false],
      [floor.stages.qualified, false, false],
      [floor.stages.negotiation, false, false],
      [floor.stages.won, true, false],
      [floor.stages.lost, false, true],
    ]);
  });

  it('agents: conversion won/(won+lost) per current assignee, null when none closed; only agents with leads', async () => {
    const agents = async (query: string) => agentsReportSchema.parse(await get(`/reports/agents${query}`));
    const { ana, ben, cy } = floor.users;
    expect(await agents(`?${RANGE}`)).toEqual([
      { userId: ana.id, name: 'Ana Agent', active: true, leads: 3, open: 1, won: 1, lost: 1, conversionRate: 0.5 },
      { userId: ben.id, name: 'Ben Agent', active: true, leads: 4, open: 0, won: 1, lost: 3, conversionRate: 0.25 },
      { userId: cy.id, name: 'Cy Gone', active: false, leads: 1, open: 1, won: 0, lost: 0, conversionRate: null },
    ]);
    expect(await agents('')).toEqual([
      { userId: ana.id, name: 'Ana Agent', active: true, leads: 5, open: 1, won: 2, lost: 2, conversionRate: 0.5 },
      { userId: ben.id, name: 'Ben Agent', active: true, leads: 4, open: 0, won: 1, lost: 3, conversionRate: 0.25 },
      { userId: cy.id, name: 'Cy Gone', active: false, leads: 1, open: 1, won: 0, lost: 0, conversionRate: null },
    ]);
    expect(await agents('?brand=Toyota')).toEqual([{ userId: ana.id, name: 'Ana Agent', active: true, leads: 5, open: 1, won: 2, lost: 2, conversionRate: 0.5 }]);
    expect(await agents('?from=2026-11-23T00:00:00Z')).toEqual([]); // L12–L14: all in the pool
  });

  it('brands: conversion per brand, by brand', async () => {
    const brands = async (query: string) => brandsReportSchema.parse(await get(`/reports/brands${query}`));
    expect(await brands(`?${RANGE}`)).toEqual([
      { brand: 'Honda', leads: 4, open: 1, won: 1, lost: 2, conversionRate: 1 / 3 },
      { brand: 'Nissan', leads: 1, open: 0, won: 0, lost: 1, conversionRate: 0 },
      { brand: 'Toyota', leads: 4, open: 2, won: 1, lost: 1, conversionRate: 0.5 },
    ]);
    expect(await brands('')).toEqual([
      { brand: 'Honda', leads: 6, open: 3, won: 1, lost: 2, conversionRate: 1 / 3 },
      { brand: 'Nissan', leads: 2, open: 1, won: 0, lost: 1, conversionRate: 0 },
      { brand: 'Toyota', leads: 9, open: 5, won: 2, lost: 2, conversionRate: 0.5 },
    ]);
    expect(await brands('?brand=Nissan&to=2026-11-10T00:00:00Z')).toEqual([{ brand: 'Nissan', leads: 1, open: 0, won: 0, lost: 1, conversionRate: 0 }]);
  });

  it('lost reasons: every reason listed, a lead lost without a reason counted as other', async () => {
    const reasons = async (query: string) => lostReasonsReportSchema.parse(await get(`/reports/lost-reasons${query}`)).map((row) => [row.reason, row.leads]);
    expect(await reasons(`?${RANGE}`)).toEqual([['price', 2], ['competitor', 1], ['timing', 0], ['model_unavailable', 0], ['financing', 0], ['other', 1]]);
    expect(await reasons('')).toEqual([['price', 2], ['competitor', 1], ['timing', 1], ['model_unavailable', 0], ['financing', 0], ['other', 1]]);
    expect(await reasons('?brand=Toyota')).toEqual([['price', 1], ['competitor', 0], ['timing', 1], ['model_unavailable', 0], ['financing', 0], ['other', 0]]);
  });

  it('is for supervisors and managers: 403 forbidden for agents, 401 without a token', async () => {
    for (const path of Object.values(REPORT_PATHS)) {
      const refused = await api(env.url, floor.users.agent.token).get<{ error: { code: string } }>(path);
      expect([path, refused.status, refused.body.error.code]).toEqual([path, 403, 'forbidden']);
      expect((await api(env.url).get(path)).status).toBe(401);
      expect((await api(env.url, floor.users.manager.token).get(path)).status).toBe(200);
      expect((await api(env.url, floor.users.supervisor.token).get(path)).status).toBe(200);
    }
  });

  it('answers 400 invalid_input naming the field for a bad query, on every report', async () => {
    const bad: Array<[string, string]> = [
      ['from=2026-11-10T00:00:00Z&to=2026-11-10T00:00:00Z', 'from'],
      ['from=2026-11-11T00:00:00Z&to=2026-11-10T00:00:00Z', 'from'],
      ['utcOffsetMinutes=9999', 'utcOffsetMinutes'],
      ['utcOffsetMinutes=abc', 'utcOffsetMinutes'],
      ['from=yesterday', 'from'],
      ['brand=', 'brand'],
      ['stage=1', 'stage'],
    ];
    for (const path of Object.values(REPORT_PATHS)) {
      for (const [query, field] of bad) {
        const refused = await api(env.url, floor.users.supervisor.token).get<{ error: { code: string; message: string } }>(`${path}?${query}`);
        expect([path, query, refused.status, refused.body.error.code]).toEqual([path, query, 400, 'invalid_input']);
        expect(refused.body.error.message).toContain(field);
      }
    }
  });
});
