import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { hashToken } from '../auth/tokens';

interface KeyBody {
  id: string;
  name: string;
  createdAt: string;
  key?: string;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(FEATURE_BACKENDS)('intake keys on %s', (backend) => {
  let env: TestHub;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let agent: Awaited<ReturnType<typeof createUser>>;

  const feed = (key: string) =>
    api(env.url).post('/intake/leads', { externalId: `k-${Math.random()}`, source: 'Feed', customer: { name: 'Feed', email: `f${Math.random()}@mail.example` }, brand: 'Toyota', vehicleModel: 'Vios' }, { 'x-intake-key': key });

  beforeAll(async () => {
    env = await startTestHub(backend);
    manager = await createUser(env.db, 'manager', 'manager');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    agent = await createUser(env.db, 'agent', 'agent');
  });
  afterAll(() => env.close());

  it('is for managers only: 403 forbidden for agents and supervisors', async () => {
    const existing = await api(env.url, manager.token).post<KeyBody>('/intake-keys', { name: 'Existing' });
    for (const user of [agent, supervisor]) {
      const client = api(env.url, user.token);
      for (const answer of [await client.get<ErrorBody>('/intake-keys'), await client.post<ErrorBody>('/intake-keys', { name: 'Mine' }), await client.delete<ErrorBody>(`/intake-keys/${existing.body.id}`)]) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('forbidden');
      }
    }
    expect((await feed(existing.body.key ?? '')).status).toBe(201);
  });

  it('shows a new key once (201), stores only its hash, lists it without the key, and revokes it (204 → 401)', async () => {
    const client = api(env.url, manager.token);
    const created = await client.post<KeyBody>('/intake-keys', { name: 'Distributor' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Distributor', createdAt: '2026-11-23T09:00:00.000Z', key: expect.stringMatching(/^\S{32,}$/) });
    const key = created.body.key ?? '';
    const [stored] = await env.db.query<{ key_hash: string }>('select key_hash from intake_keys where id = $1', [created.body.id]);
    expect(stored?.key_hash).toBe(hashToken(key));

    const listed = await client.get<KeyBody[]>('/intake-keys');
    expect(listed.body).toContainEqual({ id: created.body.id, name: 'Distributor', createdAt: '2026-11-23T09:00:00.000Z' });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(JSON.stringify(listed.body)).not.toContain(stored?.key_hash);

    expect((await feed(key)).status).toBe(201);
    expect((await client.delete(`/intake-keys/${created.body.id}`)).status).toBe(204);
    expect((await feed(key)).status).toBe(401);
    expect((await client.get<KeyBody[]>('/intake-keys')).body.map((item) => item.id)).not.toContain(created.body.id);
    expect((await client.delete(`/intake-keys/${created.body.id}`)).status).toBe(404);
    expect((await client.delete('/intake-keys/nope')).status).toBe(404);
  });

  it('refuses a key without a name with 400', async () => {
    const refused = await api(env.url, manager.token).post<ErrorBody>('/intake-keys', { name: '  ' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('name');
  });
});
