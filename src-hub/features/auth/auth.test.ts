import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, TEST_PASSWORD, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { ManualClock } from '../../http/clock';
import { hashPassword, verifyPassword } from './password';

type ErrorBody = { error: { code: string; message: string } };

describe('passwords', () => {
  it('are hashed with scrypt, salted, and verified', async () => {
    const cost = { N: 1024, r: 8, p: 1 };
    const hash = await hashPassword('s3cret pass', cost);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain('s3cret');
    expect(await hashPassword('s3cret pass', cost)).not.toBe(hash);
    expect(await verifyPassword('s3cret pass', hash)).toBe(true);
    expect(await verifyPassword('s3cret pas', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe.each(FEATURE_BACKENDS)('sign-in on %s', (backend) => {
  let env: TestHub;

  beforeAll(async () => {
    env = await startTestHub(backend);
    await createUser(env.db, 'maria', 'agent', 'Maria Santos');
  });
  afterAll(() => env.close());

  it('gives a token that works until logout', async () => {
    const login = await api(env.url).post<{ token: string; user: { login: string; role: string } }>('/auth/login', { login: 'maria', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ login: 'maria', role: 'agent' });
    expect(JSON.stringify(login.body.user)).not.toMatch(/password|hash/i);
    const me = await api(env.url, login.body.token).get<{ login: string }>('/me');
    expect(me.body.login).toBe('maria');
    const [stored] = await env.db.query<{ token_hash: string }>('select token_hash from sessions order by created_at desc limit 1');
    expect(stored?.token_hash).not.toBe(login.body.token);
    expect((await api(env.url, login.body.token).post('/auth/logout')).status).toBe(204);
    const after = await api(env.url, login.body.token).get<ErrorBody>('/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('refuses wrong credentials alike for a wrong password and an unknown login', async () => {
    const wrong = await api(env.url).post<ErrorBody>('/auth/login', { login: 'maria', password: 'nope' });
    const unknown = await api(env.url).post<ErrorBody>('/auth/login', { login: 'nobody', password: 'nope' });
    expect(wrong).toEqual({ status: 401, body: unknown.body });
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('ends a session 12 hours after sign-in by default, however busy it was (absolute, not sliding), with 401 session_expired', async () => {
    const login = await api(env.url).post<{ token: string }>('/auth/login', { login: 'maria', password: TEST_PASSWORD });
    for (let hour = 0; hour < 11; hour++) {
      env.clock.advance(60 * 60_000);
      expect((await api(env.url, login.body.token).get('/me')).status).toBe(200);
    }
    env.clock.advance(59 * 60_000);
    expect((await api(env.url, login.body.token).get('/me')).status).toBe(200);
    env.clock.advance(60_000);
    const expired = await api(env.url, login.body.token).get<ErrorBody>('/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');
    // a revoked token is not "expired": the app tells the two apart
    const other = await api(env.url).post<{ token: string }>('/auth/login', { login: 'maria', password: TEST_PASSWORD });
    await api(env.url, other.body.token).post('/auth/logout');
    expect((await api(env.url, other.body.token).get<ErrorBody>('/me')).body.error.code).toBe('unauthenticated');
  });

  it('unlocks an idle-locked workstation with the signed-in person\'s password only, leaving the session as it was', async () => {
    const login = await api(env.url).post<{ token: string }>('/auth/login', { login: 'maria', password: TEST_PASSWORD });
    const as = api(env.url, login.body.token);
    expect((await as.post('/auth/unlock', { password: TEST_PASSWORD })).status).toBe(204);
    const wrong = await as.post<ErrorBody>('/auth/unlock', { password: 'not it' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const empty = await as.post<ErrorBody>('/auth/unlock', { password: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('password');
    expect((await api(env.url).post<ErrorBody>('/auth/unlock', { password: TEST_PASSWORD })).status).toBe(401);
    expect((await as.get('/me')).status).toBe(200);
  });

  it('refuses a deactivated user, and their sessions stop working', async () => {
    const user = await createUser(env.db, 'leaver', 'agent');
    expect((await api(env.url, user.token).get('/me')).status).toBe(200);
    await env.db.query('update users set active = false where id = $1', [user.id]);
    expect((await api(env.url, user.token).get('/me')).status).toBe(401);
    expect((await api(env.url).post<ErrorBody>('/auth/login', { login: 'leaver', password: TEST_PASSWORD })).body.error.code).toBe('invalid_credentials');
  });

  it('throttles repeated failures with 429 too_many_requests, counting simultaneous tries before any password check', async () => {
    const strict = await startTestHub(backend);
    try {
      await createUser(strict.db, 'target', 'agent');
      // the test hub's limits are generous; count against the defaults via a fresh hub with a clock of its own
      const { buildHub } = await import('../../server');
      const { SecretBox } = await import('../secrets/secret-box');
      const clock = new ManualClock();
      const { app } = await buildHub({ db: strict.db, clock, secrets: SecretBox.ephemeral(), config: { passwordCost: { N: 1024, r: 8, p: 1 } } });
      const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'target', password } });
      const burst = await Promise.all(Array.from({ length: 40 }, () => attempt('wrong')));
      const statuses = burst.map((answer) => answer.statusCode);
      // 401 means the password was checked: exactly the 5 free tries, never more
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(35);
      const blocked = burst.find((answer) => answer.statusCode === 429);
      expect(blocked?.json<ErrorBody>().error).toEqual({ code: 'too_many_requests', message: 'Too many failed sign-ins. Try again in 1 second.' });
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(429);
      clock.advance(1_000);
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
      await app.close();
    } finally {
      await strict.close();
    }
  });

});
