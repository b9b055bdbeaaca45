import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, TEST_PASSWORD, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';

type ErrorBody = { error: { code: string; message: string } };
type Settings = { sessionHours: number; idleLockMinutes: number };

describe.each(FEATURE_BACKENDS)('workstation settings on %s', (backend) => {
  let env: TestHub;
  let manager: string;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    env = await startTestHub(backend);
    manager = (await createUser(env.db, 'boss', 'manager')).token;
    supervisor = (await createUser(env.db, 'sup', 'supervisor')).token;
    agent = (await createUser(env.db, 'ana', 'agent', 'Ana Reyes')).token;
  });
  afterAll(() => env.close());

  it('default to 12-hour sessions and a 10-minute idle lock, readable by every signed-in user', async () => {
    const read = await api(env.url, agent).get<Settings>('/settings/workstation');
    expect(read).toEqual({ status: 200, body: { sessionHours: 12, idleLockMinutes: 10 } });
    expect((await api(env.url).get('/settings/workstation')).status).toBe(401);
  });

  it('are set by managers only', async () => {
    for (const token of [agent, supervisor]) {
      const refused = await api(env.url, token).patch<ErrorBody>('/settings/workstation', { idleLockMinutes: 5 });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await api(env.url, agent).get<Settings>('/settings/workstation')).body.idleLockMinutes).toBe(10);
  });

  it('refuse bad values with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ sessionHours: 0 }, 'sessionHours'],
      [{ sessionHours: 25 }, 'sessionHours'],
      [{ sessionHours: 1.5 }, 'sessionHours'],
      [{ idleLockMinutes: '10' }, 'idleLockMinutes'],
      [{ idleLockMinutes: 121 }, 'idleLockMinutes'],
      [{ idleMinutes: 3 }, 'idleMinutes'],
    ];
    for (const [body, field] of cases) {
      const answer = await api(env.url, manager).patch<ErrorBody>('/settings/workstation', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('invalid_input');
      expect(answer.body.error.message).toContain(field);
    }
    expect((await api(env.url, manager).patch<ErrorBody>('/settings/workstation', {})).status).toBe(400);
  });

  it('keep each field a manager changed, and a new session length applies to the next sign-in (absolute from it)', async () => {
    const first = await api(env.url, manager).patch<Settings>('/settings/workstation', { idleLockMinutes: 4 });
    expect(first.body).toEqual({ sessionHours: 12, idleLockMinutes: 4 });
    const second = await api(env.url, manager).patch<Settings>('/settings/workstation', { sessionHours: 2 });
    expect(second.body).toEqual({ sessionHours: 2, idleLockMinutes: 4 });
    const login = await api(env.url).post<{ token: string }>('/auth/login', { login: 'ana', password: TEST_PASSWORD });
    env.clock.advance(2 * 60 * 60_000 - 1000);
    expect((await api(env.url, login.body.token).get('/me')).status).toBe(200);
    env.clock.advance(1000);
    const expired = await api(env.url, login.body.token).get<ErrorBody>('/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');
    await api(env.url, manager).patch('/settings/workstation', { sessionHours: 12, idleLockMinutes: 10 });
  });
});
