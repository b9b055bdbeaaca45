import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, TEST_PASSWORD, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';

interface UserBody {
  id: string;
  login: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(FEATURE_BACKENDS)('user administration on %s', (backend) => {
  let env: TestHub;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let agent: Awaited<ReturnType<typeof createUser>>;

  const asManager = () => api(env.url, manager.token);
  const login = (name: string, password: string) => api(env.url).post<{ token: string; user: UserBody } & ErrorBody>('/auth/login', { login: name, password });
  const epoch = async (id: string) => Number((await env.db.query<{ sync_epoch: number }>('select sync_epoch from users where id = $1', [id]))[0]?.sync_epoch);
  const newUser = (loginName: string, role = 'agent') => ({ login: loginName, name: `User ${loginName}`, email: `${loginName}@bpo.example`, role, password: 'a-good-password' });

  beforeAll(async () => {
    env = await startTestHub(backend);
    manager = await createUser(env.db, 'manager', 'manager', 'Maria Manager');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    agent = await createUser(env.db, 'agent', 'agent');
  });
  afterAll(() => env.close());

  it('is for managers only: 403 forbidden for agents and supervisors; GET /users stays open to all', async () => {
    for (const user of [agent, supervisor]) {
      const client = api(env.url, user.token);
      for (const answer of [await client.post<ErrorBody>('/users', newUser(`x-${user.login}`)), await client.patch<ErrorBody>(`/users/${agent.id}`, { role: 'manager' })]) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('forbidden');
      }
      expect((await client.get<UserBody[]>('/users')).status).toBe(200);
    }
    expect((await api(env.url, agent.token).get<UserBody>('/me')).body.role).toBe('agent');
  });

  it('creates a user (201) who can sign in; the answer and the list carry no secret', async () => {
    const [before] = await env.db.query<{ seq: string }>('select coalesce(max(seq), 0) as seq from changes');
    const created = await asManager().post<UserBody>('/users', newUser('rosa', 'supervisor'));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), login: 'rosa', name: 'User rosa', email: 'rosa@bpo.example', role: 'supervisor', active: true });
    const changes = await env.db.query<{ entity: string; entity_id: string }>('select entity, entity_id from changes where seq > $1', [before?.seq]);
    expect(changes).toEqual([{ entity: 'user', entity_id: created.body.id }]);
    const signedIn = await login('rosa', 'a-good-password');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.role).toBe('supervisor');
    const listed = await api(env.url, agent.token).get<UserBody[]>('/users');
    const text = JSON.stringify([created.body, listed.body]);
    expect(text).not.toContain('a-good-password');
    expect(text).not.toContain('scrypt');
    expect(text).not.toMatch(/password/i);
  });

  it('refuses a login already used (whatever its case) with 409 already_exists naming login', async () => {
    await asManager().post('/users', newUser('carlo'));
    for (const taken of ['carlo', 'CARLO', 'manager']) {
      const refused = await asManager().post<ErrorBody>('/users', newUser(taken));
      expect(refused.status).toBe(409);
      expect(refused.body.error).toEqual({ code: 'already_exists', field: 'login', message: expect.stringMatching(/^login: /) });
    }
    const racing = await Promise.all([1, 2, 3].map(() => asManager().post<ErrorBody>('/users', newUser('racer'))));
    expect(racing.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    expect((await asManager().post<ErrorBody>('/users', { ...newUser('shorty'), password: 'short' })).status).toBe(400);
  });

  it('edits name and e-mail without signing the user out', async () => {
    const user = await createUser(env.db, 'edit-me', 'agent');
    const edited = await asManager().patch<UserBody>(`/users/${user.id}`, { name: 'Edited Name', email: 'edited@bpo.example' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Edited Name', email: 'edited@bpo.example', role: 'agent', active: true });
    expect((await api(env.url, user.token).get<UserBody>('/me')).body.name).toBe('Edited Name');
  });

  it('a role change applies at once and bumps the sync epoch (their replica is rebuilt)', async () => {
    const user = await createUser(env.db, 'promote-me', 'agent');
    const before = await epoch(user.id);
    const promoted = await asManager().patch<UserBody>(`/users/${user.id}`, { role: 'supervisor' });
    expect(promoted.body.role).toBe('supervisor');
    expect(await epoch(user.id)).toBe(before + 1);
    expect((await api(env.url, user.token).get<UserBody>('/me')).body.role).toBe('supervisor');
    expect((await api(env.url, user.token).get('/leads?scope=all')).status).toBe(200);
    await asManager().patch(`/users/${user.id}`, { role: 'supervisor', name: 'Same Role' });
    expect(await epoch(user.id)).toBe(before + 1);
  });

  it('deactivation revokes every session (401), refuses sign-in, bumps the sync epoch; reactivation allows sign-in again', async () => {
    const user = await createUser(env.db, 'leaver', 'agent');
    const second = await login('leaver', TEST_PASSWORD);
    const before = await epoch(user.id);
    const deactivated = await asManager().patch<UserBody>(`/users/${user.id}`, { active: false });
    expect(deactivated.body.active).toBe(false);
    for (const token of [user.token, second.body.token]) {
      const refused = await api(env.url, token).get<ErrorBody>('/me');
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthenticated');
    }
    const signIn = await login('leaver', TEST_PASSWORD);
    expect(signIn.status).toBe(401);
    expect(signIn.body.error.code).toBe('invalid_credentials');
    expect(await epoch(user.id)).toBe(before + 1);
    const inactive = await asManager().get<UserBody[]>('/users?active=false');
    expect(inactive.body.map((item) => item.login)).toEqual(['leaver']);
    expect((await asManager().get<UserBody[]>('/users?active=true')).body.map((item) => item.login)).not.toContain('leaver');

    await asManager().patch(`/users/${user.id}`, { active: true });
    expect((await login('leaver', TEST_PASSWORD)).status).toBe(200);
    expect((await api(env.url, user.token).get('/me')).status).toBe(401);
  });

  it('a new password revokes the sessions: the old password and token stop working, the new one signs in', async () => {
    const user = await createUser(env.db, 'forgetful', 'agent');
    const changed = await asManager().patch<UserBody>(`/users/${user.id}`, { password: 'brand-new-password' });
    expect(changed.status).toBe(200);
    expect((await api(env.url, user.token).get('/me')).status).toBe(401);
    expect((await login('forgetful', TEST_PASSWORD)).status).toBe(401);
    expect((await login('forgetful', 'brand-new-password')).status).toBe(200);
  });

  it('a manager cannot deactivate or demote themselves (403), but may edit their own name', async () => {
    for (const change of [{ active: false }, { role: 'supervisor' }, { role: 'agent', name: 'Still Me' }]) {
      const refused = await asManager().patch<ErrorBody>(`/users/${manager.id}`, change);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/You cannot (deactivate your own account|remove your own manager role)/);
    }
    expect((await asManager().patch<UserBody>(`/users/${manager.id}`, { name: 'Maria M.', role: 'manager', active: true })).body).toMatchObject({
      name: 'Maria M.',
      role: 'manager',
      active: true,
    });
    expect((await api(env.url, manager.token).get('/me')).status).toBe(200);
  });

  it('answers 404 for a user that does not exist and 400 for an empty change', async () => {
    expect((await asManager().patch('/users/888888', { name: 'Ghost' })).status).toBe(404);
    expect((await asManager().patch('/users/ghost', { name: 'Ghost' })).status).toBe(404);
    expect((await asManager().patch(`/users/${agent.id}`, {})).status).toBe(400);
  });
});
