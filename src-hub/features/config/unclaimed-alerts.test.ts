import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';

interface AlertBody {
  brand: string;
  afterMinutes: number;
  updatedAt: string;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(FEATURE_BACKENDS)('unclaimed-lead alerts on %s', (backend) => {
  let env: TestHub;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let agent: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    env = await startTestHub(backend);
    manager = await createUser(env.db, 'manager', 'manager');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    agent = await createUser(env.db, 'agent', 'agent');
  });
  afterAll(() => env.close());

  it('is off until a manager sets it: an empty list', async () => {
    const listed = await api(env.url, supervisor.token).get<AlertBody[]>('/unclaimed-alerts');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([]);
  });

  it('lets only managers set a threshold: 403 forbidden for supervisors and agents, nothing stored', async () => {
    for (const user of [supervisor, agent]) {
      const refused = await api(env.url, user.token).post<ErrorBody>('/unclaimed-alerts', { brand: 'Toyota', afterMinutes: 15 });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await env.db.query('select 1 from unclaimed_alerts')).length).toBe(0);
  });

  it('tells only supervisors and managers the thresholds (agents are never alerted): 403 for agents', async () => {
    const refused = await api(env.url, agent.token).get<ErrorBody>('/unclaimed-alerts');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await api(env.url).get('/unclaimed-alerts')).status).toBe(401);
  });

  it('sets, changes (ignoring the brand’s case) and turns off a brand’s threshold, answering every brand’s', async () => {
    const client = api(env.url, manager.token);
    const set = await client.post<AlertBody[]>('/unclaimed-alerts', { brand: 'Toyota', afterMinutes: 15 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual([{ brand: 'Toyota', afterMinutes: 15, updatedAt: '2026-11-23T09:00:00.000Z' }]);
    await client.post('/unclaimed-alerts', { brand: 'Honda', afterMinutes: 45 });
    const changed = await client.post<AlertBody[]>('/unclaimed-alerts', { brand: ' TOYOTA ', afterMinutes: 20 });
    expect(changed.body.map(({ brand, afterMinutes }) => ({ brand, afterMinutes }))).toEqual([
      { brand: 'Honda', afterMinutes: 45 },
      { brand: 'TOYOTA', afterMinutes: 20 },
    ]);
    expect((await api(env.url, supervisor.token).get<AlertBody[]>('/unclaimed-alerts')).body).toEqual(changed.body);
    const [stored] = await env.db.query<{ updated_by: string }>('select updated_by from unclaimed_alerts where brand = $1', ['TOYOTA']);
    expect(stored?.updated_by).toBe(manager.id);

    const off = await client.post<AlertBody[]>('/unclaimed-alerts', { brand: 'toyota', afterMinutes: null });
    expect(off.body.map((alert) => alert.brand)).toEqual(['Honda']);
    await client.post('/unclaimed-alerts', { brand: 'Honda', afterMinutes: null });
  });

  it.each([
    [{ brand: 'Toyota', afterMinutes: 0 }, 'afterMinutes'],
    [{ brand: 'Toyota', afterMinutes: 1441 }, 'afterMinutes'],
    [{ brand: 'Toyota', afterMinutes: 2.5 }, 'afterMinutes'],
    [{ brand: 'Toyota', afterMinutes: '15' }, 'afterMinutes'],
    [{ brand: 'Toyota' }, 'afterMinutes'],
    [{ brand: '  ', afterMinutes: 15 }, 'brand'],
    [{ afterMinutes: 15 }, 'brand'],
    [{ brand: 'x'.repeat(200), afterMinutes: 15 }, 'brand'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const refused = await api(env.url, manager.token).post<ErrorBody>('/unclaimed-alerts', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_input');
    expect(refused.body.error.message).toContain(field);
  });

  it('keeps the whole-minute range in the database too (1 to 1440)', async () => {
    await expect(env.db.query(`insert into unclaimed_alerts (brand, after_minutes, updated_at) values ('Kia', 0, now())`)).rejects.toThrow();
  });
});
