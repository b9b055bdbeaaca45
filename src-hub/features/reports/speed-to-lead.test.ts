import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpeedToLeadReport } from '../../../src-shared/contract/reports.schema';
import { api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';

/** Speed to lead against a hand-computed fixture: four leads created at 08:00, durations in whole minutes. */
describe('speed-to-lead report', () => {
  let env: TestHub;
  let supervisor: string;
  let maria: string;
  let jose: string;

  beforeAll(async () => {
    env = await startTestHub('postgres');
    supervisor = (await createUser(env.db, 'stl-super', 'supervisor')).token;
    maria = (await createUser(env.db, 'stl-maria', 'agent', 'Maria Santos')).id;
    jose = (await createUser(env.db, 'stl-jose', 'agent', 'Jose Ramos')).id;
    const at = (minutes: number | null) => (minutes === null ? null : new Date(Date.parse('2026-11-23T08:00:00Z') + minutes * 60_000));
    // [brand, source, claimed after, by, first call after]
    const leads: Array<[string, string, number | null, string | null, number | null]> = [
      ['Toyota', 'Website', 2, maria, 5],
      ['Toyota', 'Walk-in', 4, maria, 20],
      ['Honda', 'Website', 10, jose, null],
      ['Honda', 'Website', null, null, null],
    ];
    for (const [brand, source, claimed, by, called] of leads) {
      const lead = await createLead(env.db, { brand, source });
      await env.db.query('update leads set first_claimed_at = $2, first_claimed_by = $3, first_call_at = $4 where id = $1', [lead.id, at(claimed), by, at(called)]);
    }
    // created outside the range: never counted
    await createLead(env.db, { brand: 'Toyota', source: 'Website', createdAt: new Date('2026-11-20T08:00:00Z') });
    // another brand's day: claimed after 1 minute, 30 min 15 s, and 95 min 30 s
    for (const seconds of [60, 1815, 5730]) {
      const lead = await createLead(env.db, { brand: 'Kia', source: 'Walk-in', createdAt: new Date('2026-11-24T08:00:00Z') });
      await env.db.query('update leads set first_claimed_at = $2, first_claimed_by = $3 where id = $1', [lead.id, new Date(Date.parse('2026-11-24T08:00:00Z') + seconds * 1000), jose]);
    }
  });
  afterAll(() => env.close());

  const report = async (query = '') =>
    (await api(env.url, supervisor).get<SpeedToLeadReport>(`/reports/speed-to-lead?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z${query}`)).body;

  it('gives median and p90 minutes to claim and to first call, over the leads that have each', async () => {
    const { overall, groups } = await report();
    // to claim: 2, 4, 10 → median 4, p90 = 4 + 0.8 × (10 − 4) = 8.8; to first call: 5, 20 → 12.5 and 5 + 0.9 × 15 = 18.5
    expect(overall).toEqual({ leads: 4, toClaim: { leads: 3, medianMinutes: 4, p90Minutes: 8.8 }, toFirstCall: { leads: 2, medianMinutes: 12.5, p90Minutes: 18.5 } });
    expect(groups.find((group) => group.dimension === 'brand' && group.key === 'Honda')).toEqual({
      dimension: 'brand',
      key: 'Honda',
      label: 'Honda',
      leads: 2,
      toClaim: { leads: 1, medianMinutes: 10, p90Minutes: 10 },
      toFirstCall: { leads: 0, medianMinutes: null, p90Minutes: null },
    });
    expect(groups.find((group) => group.dimension === 'agent' && group.key === maria)).toMatchObject({ label: 'Maria Santos', leads: 2, toClaim: { medianMinutes: 3 } });
    expect(groups.find((group) => group.dimension === 'source' && group.key === 'Website')).toMatchObject({ leads: 3, toClaim: { leads: 2, medianMinutes: 6 } });
    // most leads first; a lead nobody claimed belongs to no agent
    expect(groups.filter((group) => group.dimension === 'agent').map((group) => group.label)).toEqual(['Maria Santos', 'Jose Ramos']);
  });

  it('counts each lead at the resolution shown, tenths of an hour from an hour on, the same over a day as over the whole history', async () => {
    // 1, 30.3 (30 min 15 s: a half rounds up) and 96 (95 min 30 s to the tenth of an hour): p90 = 30.3 + 0.8 × (96 − 30.3) = 82.86
    const day = (await api(env.url, supervisor).get<SpeedToLeadReport>('/reports/speed-to-lead?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z&brand=Kia')).body;
    expect(day.overall).toEqual({ leads: 3, toClaim: { leads: 3, medianMinutes: 30.3, p90Minutes: 82.9 }, toFirstCall: { leads: 0, medianMinutes: null, p90Minutes: null } });
    // no range: the yearly counts, not a scan
    const allTime = (await api(env.url, supervisor).get<SpeedToLeadReport>('/reports/speed-to-lead?brand=Kia')).body;
    expect(allTime).toEqual(day);
  });

  it('narrows to one brand', async () => {
    expect((await report('&brand=Toyota')).overall).toEqual({ leads: 2, toClaim: { leads: 2, medianMinutes: 3, p90Minutes: 3.8 }, toFirstCall: { leads: 2, medianMinutes: 12.5, p90Minutes: 18.5 } });
  });
});
