import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsReportSchema } from '../../../src-shared/contract/reports.schema';
import { FEATURE_BACKENDS, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { seedReportsFixture, type ReportsFixture } from './reports.fixture';

/** The calls of reports.fixture.ts (C1–C8), counted by hand. */
const RANGE = 'from=2026-11-01T00:00:00Z&to=2026-11-10T00:00:00Z'; // C1–C6: C7 is at `to` (excluded), C8 before `from`

describe.each(FEATURE_BACKENDS)('calls report on %s', (backend) => {
  let env: TestHub;
  let floor: ReportsFixture;
  const calls = async (query: string): Promise<Array<[string, string, string, number]>> => {
    const answer = await api(env.url, floor.users.supervisor.token).get(`/reports/calls?${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const names: Record<string, string> = { [floor.users.ana.id]: 'Ana', [floor.users.ben.id]: 'Ben' };
    return callsReportSchema.parse(answer.body).map((row) => {
      expect(row.name).toBe(`${names[row.userId]} Agent`);
      return [names[row.userId] ?? row.userId, row.day, row.result, row.calls];
    });
  };

  beforeAll(async () => {
    env = await startTestHub(backend);
    floor = await seedReportsFixture(env.db);
  });
  afterAll(() => env.close());

  it('counts calls per agent, UTC day and result in [from, to), by day, agent and result', async () => {
    expect(await calls(RANGE)).toEqual([
      ['Ana', '2026-11-02', 'answered', 2],
      ['Ana', '2026-11-02', 'no_answer', 1],
      ['Ben', '2026-11-03', 'answered', 1],
      ['Ben', '2026-11-03', 'busy', 1],
      ['Ana', '2026-11-05', 'voicemail', 1],
    ]);
    expect(await calls('')).toEqual([
      ['Ana', '2026-10-31', 'answered', 1],
      ['Ana', '2026-11-02', 'answered', 2],
      ['Ana', '2026-11-02', 'no_answer', 1],
      ['Ben', '2026-11-03', 'answered', 1],
      ['Ben', '2026-11-03', 'busy', 1],
      ['Ana', '2026-11-05', 'voicemail', 1],
      ['Ben', '2026-11-10', 'answered', 1],
    ]);
  });

  it('puts a call near midnight on the floor\'s own day (utcOffsetMinutes)', async () => {
    // UTC+1: C3 (23:30 UTC) is on 2026-11-03
    expect(await calls(`${RANGE}&utcOffsetMinutes=60`)).toEqual([
      ['Ana', '2026-11-02', 'answered', 2],
      ['Ana', '2026-11-03', 'no_answer', 1],
      ['Ben', '2026-11-03', 'answered', 1],
      ['Ben', '2026-11-03', 'busy', 1],
      ['Ana', '2026-11-05', 'voicemail', 1],
    ]);
    // UTC-1: C4 (00:30 UTC) is on 2026-11-02
    expect(await calls(`${RANGE}&utcOffsetMinutes=-60`)).toEqual([
      ['Ana', '2026-11-02', 'answered', 2],
      ['Ana', '2026-11-02', 'no_answer', 1],
      ['Ben', '2026-11-02', 'busy', 1],
      ['Ben', '2026-11-03', 'answered', 1],
      ['Ana', '2026-11-05', 'voicemail', 1],
    ]);
    // one minute east: C8 (23:59 UTC) moves to 2026-11-01; the range still bounds the UTC instant
    expect((await calls('utcOffsetMinutes=1'))[0]).toEqual(['Ana', '2026-11-01', 'answered', 1]);
    expect((await calls(`${RANGE}&utcOffsetMinutes=1`))[0]).toEqual(['Ana', '2026-11-02', 'answered', 2]);
  });

  it('filters by the called lead\'s brand', async () => {
    expect(await calls(`${RANGE}&brand=Honda`)).toEqual([
      ['Ben', '2026-11-03', 'answered', 1],
      ['Ben', '2026-11-03', 'busy', 1],
    ]);
    expect(await calls('brand=Nissan')).toEqual([]);
  });

  it('lists a day\'s agents by name, then by id, whatever order they were added in', async () => {
    // added Zed, Abe, Abe: by id Zed comes first; by name the two Abes, the earlier one first
    const zed = await createUser(env.db, 'cr-zed', 'agent', 'Zed Order');
    const abe = await createUser(env.db, 'cr-abe', 'agent', 'Abe Order');
    const abe2 = await createUser(env.db, 'cr-abe2', 'agent', 'Abe Order');
    const [lead] = await env.db.query<{ id: string }>('select id::text from leads order by id limit 1');
    for (const user of [zed, abe2, abe]) {
      await env.db.query(`insert into call_logs (lead_id, user_id, duration_min, result, summary, created_at) values ($1, $2, 1, 'answered', '', '2026-12-01T10:00:00Z')`, [lead?.id, user.id]);
    }
    const answer = await api(env.url, floor.users.supervisor.token).get('/reports/calls?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z');
    // the others' checks know Ana and Ben only
    await env.db.query(`delete from call_logs where created_at = '2026-12-01T10:00:00Z'`);
    expect(callsReportSchema.parse(answer.body).map((row) => row.userId)).toEqual([abe.id, abe2.id, zed.id]);
  });

  it('takes offsets from -840 to 840 minutes and refuses others', async () => {
    expect((await calls('utcOffsetMinutes=-840')).length).toBeGreaterThan(0);
    expect((await calls('utcOffsetMinutes=840')).length).toBeGreaterThan(0);
    for (const offset of ['841', '-841', '9999', '1.5', '']) {
      const refused = await api(env.url, floor.users.supervisor.token).get<{ error: { code: string; message: string } }>(`/reports/calls?utcOffsetMinutes=${offset}`);
      expect([offset, refused.status, refused.body.error.code]).toEqual([offset, 400, 'invalid_input']);
      expect(refused.body.error.message).toContain('utcOffsetMinutes');
    }
  });
});
