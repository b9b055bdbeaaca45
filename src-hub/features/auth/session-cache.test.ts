import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, TEST_PASSWORD, api, countQueries, createUser, quietLog, startTestHub, type TestHub } from '../../testing/hub-test-env';
import type { Database } from '../../db/database';
import { hashToken } from './tokens';
import { SessionCache } from './session-cache';

type ErrorBody = { error: { code: string } };
type Me = { role: string; name: string };

/**
 * The hub answers sessions from memory (session-cache.ts), and every change that must refuse or alter a session
 * refuses or alters the very next request, however it was made. On both backends: the cache rests on the
 * adapters' notices and catch-up (database.contract.test.ts), whose code differs between them.
 */
describe.each(BACKENDS)('sessions answered from memory on %s', (backend) => {
  let env: TestHub;
  let manager: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    env = await startTestHub(backend);
    manager = await createUser(env.db, 'boss', 'manager');
  });
  afterAll(() => env.close());

  const signIn = async (login: string): Promise<string> => {
    const answer = await api(env.url).post<{ token: string }>('/auth/login', { login, password: TEST_PASSWORD });
    expect(answer.status).toBe(200);
    return answer.body.token;
  };
  const me = (token: string) => api(env.url, token).get<Me & ErrorBody>('/me');

  it('reads a session once: the requests after the first read no session from the database', async () => {
    const user = await createUser(env.db, 'regular', 'agent');
    expect((await me(user.token)).status).toBe(200);
    const queries = countQueries(env.db);
    try {
      for (let request = 0; request < 5; request++) expect((await me(user.token)).status).toBe(200);
      expect(queries.count()).toBe(0);
    } finally {
      queries.stop();
    }
  });

  it('refuses a signed-out session on the very next request', async () => {
    await createUser(env.db, 'leaving', 'agent');
    const token = await signIn('leaving');
    expect((await me(token)).status).toBe(200);
    expect((await me(token)).status).toBe(200);
    expect((await api(env.url, token).post('/auth/logout')).status).toBe(204);
    const after = await me(token);
    expect({ status: after.status, code: after.body.error.code }).toEqual({ status: 401, code: 'unauthenticated' });
  });

  it('refuses every session of a user whose password a manager changed, at once', async () => {
    const user = await createUser(env.db, 'forgetful', 'agent');
    const other = await signIn('forgetful');
    for (const token of [user.token, other]) expect((await me(token)).status).toBe(200);
    expect((await api(env.url, manager.token).patch(`/users/${user.id}`, { password: 'a brand new password' })).status).toBe(200);
    for (const token of [user.token, other]) expect((await me(token)).status).toBe(401);
  });

  it('refuses a deactivated user at once, whether a manager deactivated them or an operator did it in SQL', async () => {
    const byManager = await createUser(env.db, 'dismissed', 'agent');
    const bySql = await createUser(env.db, 'suspended', 'agent');
    for (const user of [byManager, bySql]) expect((await me(user.token)).status).toBe(200);
    expect((await api(env.url, manager.token).patch(`/users/${byManager.id}`, { active: false })).status).toBe(200);
    expect((await me(byManager.token)).status).toBe(401);
    await env.db.query('update users set active = false where id = $1', [bySql.id]);
    expect((await me(bySql.token)).status).toBe(401);
  });

  it('serves the very next request with the new role and name', async () => {
    const user = await createUser(env.db, 'promoted', 'agent', 'Pro Moted');
    expect((await me(user.token)).body).toMatchObject({ role: 'agent', name: 'Pro Moted' });
    expect((await api(env.url, manager.token).patch(`/users/${user.id}`, { role: 'supervisor', name: 'Sue Perior' })).status).toBe(200);
    expect((await me(user.token)).body).toMatchObject({ role: 'supervisor', name: 'Sue Perior' });
  });

  it('ends a session at its end while it is in memory, and at once when its end is moved', async () => {
    await createUser(env.db, 'shift', 'agent');
    const token = await signIn('shift');
    expect((await me(token)).status).toBe(200);
    env.clock.advance(12 * 60 * 60_000 - 1);
    expect((await me(token)).status).toBe(200);
    env.clock.advance(1);
    expect((await me(token)).body.error.code).toBe('session_expired');

    const shortened = await signIn('shift');
    expect((await me(shortened)).status).toBe(200);
    await env.db.query('update sessions set expires_at = $2 where token_hash = $1', [hashToken(shortened), env.clock.now()]);
    expect((await me(shortened)).body.error.code).toBe('session_expired');
  });
});

/**
 * The database with its notices held in transit until someone catches up, as they are between a commit and the
 * moment a busy hub reads its LISTEN connection: what the cache must not answer through.
 */
function noticesInTransit(db: Database): Database {
  return {
    ...db,
    async subscribe(channel, handlers) {
      const held: string[] = [];
      const real = await db.subscribe(channel, { ...handlers, onPayload: (payload) => held.push(payload) });
      return {
        async caughtUp() {
          await real.caughtUp();
          for (const payload of held.splice(0)) handlers.onPayload(payload);
        },
        close: () => real.close(),
      };
    },
  };
}

describe.each(BACKENDS)('a session cache whose notices are still in transit on %s', (backend) => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub(backend);
  });
  afterAll(() => env.close());

  it('catches up with them before answering from memory: a change committed before the request is never missed', async () => {
    const cache = new SessionCache(noticesInTransit(env.db), quietLog);
    try {
      const user = await createUser(env.db, 'in-transit', 'agent');
      const find = () => cache.find(hashToken(user.token), env.clock.now());
      expect(await find()).toMatchObject({ id: user.id, role: 'agent' });
      await env.db.query(`update users set role = 'supervisor' where id = $1`, [user.id]);
      expect(await find()).toMatchObject({ id: user.id, role: 'supervisor' });
      await env.db.query('update sessions set revoked_at = now() where token_hash = $1', [hashToken(user.token)]);
      expect(await find()).toBeNull();
    } finally {
      await cache.close();
    }
  });
});

describe('sessions answered from memory by two hubs sharing one PostgreSQL', () => {
  let hub1: TestHub;
  let hub2: TestHub;
  let manager: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    hub1 = await startTestHub('postgres');
    hub2 = await startTestHub('postgres', {}, { databaseUrl: hub1.databaseUrl! });
    manager = await createUser(hub1.db, 'boss', 'manager');
  });
  afterAll(async () => {
    await hub2.close();
    await hub1.close();
  });

  // Rounds, because the other hub hears of a change through PostgreSQL's notifications: a cache that only
  // waited for them to arrive (instead of catching up before answering) would answer some rounds too early.
  it('refuses on one hub, at its very next request, a session signed out on the other', async () => {
    await createUser(hub1.db, 'roamer', 'agent');
    for (let round = 0; round < 20; round++) {
      const login = await api(hub1.url).post<{ token: string }>('/auth/login', { login: 'roamer', password: TEST_PASSWORD });
      const token = login.body.token;
      expect((await api(hub2.url, token).get('/me')).status).toBe(200);
      expect((await api(hub2.url, token).get('/me')).status).toBe(200);
      expect((await api(hub1.url, token).post('/auth/logout')).status).toBe(204);
      expect({ round, status: (await api(hub2.url, token).get('/me')).status }).toEqual({ round, status: 401 });
    }
  });

  it('applies a deactivation and a role change made on one hub to the very next request on the other', async () => {
    for (let round = 0; round < 10; round++) {
      const user = await createUser(hub1.db, `temp-${round}`, 'agent');
      expect((await api(hub2.url, user.token).get<Me>('/me')).body.role).toBe('agent');
      expect((await api(hub1.url, manager.token).patch(`/users/${user.id}`, { role: 'supervisor' })).status).toBe(200);
      expect((await api(hub2.url, user.token).get<Me>('/me')).body.role).toBe('supervisor');
      expect((await api(hub1.url, manager.token).patch(`/users/${user.id}`, { active: false })).status).toBe(200);
      expect({ round, status: (await api(hub2.url, user.token).get('/me')).status }).toEqual({ round, status: 401 });
    }
  });
});

describe('a session cache that loses its LISTEN connection, or holds a session long, or too many (PostgreSQL)', () => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub('postgres');
  });
  afterAll(() => env.close());

  /** Ends the cache's LISTEN connection from the server's side, as a PostgreSQL restart or a network cut would. */
  const cutListen = async (): Promise<void> => {
    const [cut] = await env.db.query<{ count: string }>(
      `select count(pg_terminate_backend(pid)) as count from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query in ('', 'listen "crm_sessions"')`,
    );
    expect(Number(cut?.count)).toBeGreaterThan(0);
  };

  it('reads every session from the database until it listens again, so a change made meanwhile is not missed', async () => {
    let monotonic = 0;
    const errors: string[] = [];
    const cache = new SessionCache(env.db, { error: (message) => errors.push(message) }, { retryMs: 1_000, monotonicMs: () => monotonic });
    try {
      const user = await createUser(env.db, 'unlucky', 'agent');
      const other = await createUser(env.db, 'bystander', 'agent');
      const find = (token: string) => cache.find(hashToken(token), env.clock.now());
      expect(await find(user.token)).toMatchObject({ id: user.id });
      expect(await find(other.token)).toMatchObject({ id: other.id });
      await cutListen();
      // the notice of this revocation is sent to nobody
      await env.db.query('update sessions set revoked_at = now() where token_hash = $1', [hashToken(user.token)]);
      expect(await find(user.token)).toBeNull();
      expect(errors).toEqual(['session cache: the LISTEN connection was lost; sessions are read from the database until it is back']);

      const queries = countQueries(env.db);
      try {
        expect(await find(other.token)).toMatchObject({ id: other.id });
        expect(await find(other.token)).toMatchObject({ id: other.id });
        expect(queries.count()).toBe(2); // nothing answered from memory while not listening
        monotonic += 1_000; // the retry is due: it listens again and keeps what it reads
        expect(await find(other.token)).toMatchObject({ id: other.id });
        expect(await find(other.token)).toMatchObject({ id: other.id });
        expect(queries.count()).toBe(3);
      } finally {
        queries.stop();
      }
    } finally {
      await cache.close();
    }
  });

  it('reads a session again once its time in memory is over', async () => {
    let monotonic = 0;
    const cache = new SessionCache(env.db, quietLog, { ttlMs: 60_000, monotonicMs: () => monotonic });
    try {
      const user = await createUser(env.db, 'patient', 'agent');
      const queries = countQueries(env.db);
      try {
        await cache.find(hashToken(user.token), env.clock.now());
        monotonic += 59_999;
        await cache.find(hashToken(user.token), env.clock.now());
        expect(queries.count()).toBe(1);
        monotonic += 1;
        await cache.find(hashToken(user.token), env.clock.now());
        expect(queries.count()).toBe(2);
      } finally {
        queries.stop();
      }
    } finally {
      await cache.close();
    }
  });

  it('lets the oldest session go when it holds as many as it may', async () => {
    const cache = new SessionCache(env.db, quietLog, { maxEntries: 2 });
    try {
      const users = await Promise.all(['first', 'second', 'third'].map((login) => createUser(env.db, `held-${login}`, 'agent')));
      const find = (token: string) => cache.find(hashToken(token), env.clock.now());
      for (const user of users) await find(user.token);
      const queries = countQueries(env.db);
      try {
        await find(users[2]!.token);
        await find(users[1]!.token);
        expect(queries.count()).toBe(0);
        await find(users[0]!.token);
        expect(queries.count()).toBe(1);
      } finally {
        queries.stop();
      }
    } finally {
      await cache.close();
    }
  });
});
