import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';

interface DealershipBody {
  id: string;
  code: string;
  name: string;
  brands: string[];
  managerEmail: string | null;
  models: Array<{ vehicleModel: string; productCode: string }>;
  connection: { url: string; database: string; login: string; hasApiKey: boolean; company: { id: number; name: string } | null } | null;
}
interface ErrorBody {
  error: { code: string; message: string };
}

const API_KEY = 'odoo-api-key-5f0c2e9a-TOP-SECRET';
const NEW_API_KEY = 'odoo-api-key-rotated-7d1b-TOP-SECRET';

describe.each(FEATURE_BACKENDS)('dealership configuration on %s', (backend) => {
  let env: TestHub;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let agent: Awaited<ReturnType<typeof createUser>>;
  /** Every answer of this file: none may ever contain an API key. */
  const answers: unknown[] = [];

  const client = (token: string) => {
    const raw = api(env.url, token);
    const keep = async <T>(promise: Promise<{ status: number; body: T }>) => {
      const answer = await promise;
      answers.push(answer.body);
      return answer;
    };
    return {
      get: <T>(path: string) => keep(raw.get<T>(path)),
      post: <T>(path: string, body: unknown) => keep(raw.post<T>(path, body)),
      patch: <T>(path: string, body: unknown) => keep(raw.patch<T>(path, body)),
    };
  };
  const storedKey = async (id: string) => (await env.db.query<{ odoo_api_key_enc: string | null }>('select odoo_api_key_enc from dealerships where id = $1', [id]))[0]?.odoo_api_key_enc;
  const full = (code: string) => ({
    code,
    name: `Toyota ${code}`,
    brands: ['Toyota', 'Lexus'],
    managerEmail: `manager@${code.toLowerCase()}.example`,
    models: [{ vehicleModel: 'Vios', productCode: 'VIOS-13' }],
    connection: { url: 'https://odoo.dealer.example', database: 'dealer', login: 'crm-bot', apiKey: API_KEY },
  });

  beforeAll(async () => {
    env = await startTestHub(backend);
    manager = await createUser(env.db, 'manager', 'manager');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    agent = await createUser(env.db, 'agent', 'agent');
  });
  afterAll(() => env.close());

  it('is for managers only: 403 forbidden for agents and supervisors', async () => {
    const existing = await client(manager.token).post<DealershipBody>('/dealerships', full('ROLE'));
    for (const user of [agent, supervisor]) {
      const create = await client(user.token).post<ErrorBody>('/dealerships', full(`X-${user.login}`));
      const edit = await client(user.token).patch<ErrorBody>(`/dealerships/${existing.body.id}`, { name: 'Hijacked' });
      for (const answer of [create, edit]) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('forbidden');
      }
    }
    const [row] = await env.db.query<{ count: string }>(`select count(*) as count from dealerships where code like 'X-%' or name = 'Hijacked'`);
    expect(Number(row?.count)).toBe(0);
  });

  it('creates a dealership (201): the API key sealed at rest, only hasApiKey in the answer', async () => {
    const [before] = await env.db.query<{ seq: string }>('select coalesce(max(seq), 0) as seq from changes');
    const created = await client(manager.token).post<DealershipBody>('/dealerships', full('NORTH'));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      code: 'NORTH',
      name: 'Toyota NORTH',
      brands: ['Toyota', 'Lexus'],
      managerEmail: 'manager@north.example',
      models: [{ vehicleModel: 'Vios', productCode: 'VIOS-13' }],
      connection: { url: 'https://odoo.dealer.example', database: 'dealer', login: 'crm-bot', hasApiKey: true, company: null },
    });
    const sealed = await storedKey(created.body.id);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(API_KEY);
    const changes = await env.db.query<{ entity: string; entity_id: string }>('select entity, entity_id from changes where seq > $1', [before?.seq]);
    expect(changes).toEqual([{ entity: 'dealership', entity_id: created.body.id }]);
    const listed = await client(agent.token).get<DealershipBody[]>('/dealerships');
    expect(listed.body.find((item) => item.id === created.body.id)?.connection?.hasApiKey).toBe(true);
  });

  it('keeps the stored key when a PATCH omits it, replaces it when given, and removes it with connection: null', async () => {
    const created = await client(manager.token).post<DealershipBody>('/dealerships', full('SOUTH'));
    const sealed = await storedKey(created.body.id);
    const moved = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, {
      connection: { url: 'https://odoo.dealer.example:443/odoo', database: 'dealer2', login: 'crm-bot2' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.connection).toEqual({ url: 'https://odoo.dealer.example:443/odoo', database: 'dealer2', login: 'crm-bot2', hasApiKey: true, company: null });
    expect(await storedKey(created.body.id)).toBe(sealed);

    const unrelated = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, { name: 'Toyota South Luzon' });
    expect(unrelated.body.connection?.hasApiKey).toBe(true);
    expect(await storedKey(created.body.id)).toBe(sealed);

    const rotated = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, {
      connection: { url: 'https://odoo2.dealer.example', database: 'dealer2', login: 'crm-bot2', apiKey: NEW_API_KEY },
    });
    expect(rotated.body.connection?.hasApiKey).toBe(true);
    const resealed = await storedKey(created.body.id);
    expect(resealed).not.toBe(sealed);
    expect(resealed).not.toContain(NEW_API_KEY);

    const removed = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, { connection: null });
    expect(removed.body.connection).toBeNull();
    expect(await storedKey(created.body.id)).toBeNull();
    const [row] = await env.db.query<Record<string, unknown>>('select odoo_url, odoo_database, odoo_login from dealerships where id = $1', [created.body.id]);
    expect(row).toEqual({ odoo_url: null, odoo_database: null, odoo_login: null });
  });

  it('never lets a stored key follow the URL to another server: 400 naming apiKey until the key is entered again', async () => {
    const created = await client(manager.token).post<DealershipBody>('/dealerships', full('KEYFOLLOW'));
    const sealed = await storedKey(created.body.id);
    for (const url of ['https://odoo.attacker.example', 'http://odoo.dealer.example', 'https://odoo.dealer.example:8443', 'https://sub.odoo.dealer.example']) {
      const refused = await client(manager.token).patch<ErrorBody>(`/dealerships/${created.body.id}`, { connection: { url, database: 'dealer', login: 'crm-bot' } });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error).toEqual({ code: 'invalid_input', message: expect.stringContaining('connection.apiKey') });
      expect(refused.body.error.message).toContain('enter the API key again');
    }
    const [row] = await env.db.query<{ odoo_url: string }>('select odoo_url from dealerships where id = $1', [created.body.id]);
    expect(row?.odoo_url).toBe('https://odoo.dealer.example');
    expect(await storedKey(created.body.id)).toBe(sealed);

    const withKey = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, {
      connection: { url: 'https://odoo.other.example', database: 'dealer', login: 'crm-bot', apiKey: NEW_API_KEY },
    });
    expect(withKey.status).toBe(200);
    expect(withKey.body.connection).toMatchObject({ url: 'https://odoo.other.example', hasApiKey: true });
  });

  it("stores the Odoo company chosen for Sales Orders, keeps it when a connection PATCH omits it, clears it with null", async () => {
    const created = await client(manager.token).post<DealershipBody>('/dealerships', {
      ...full('NORTHWEST'),
      connection: { url: 'https://odoo.dealer.example', database: 'dealer', login: 'crm-bot', apiKey: API_KEY, company: { id: 2, name: 'Dealer North Inc.' } },
    });
    expect(created.body.connection?.company).toEqual({ id: 2, name: 'Dealer North Inc.' });
    const moved = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, {
      connection: { url: 'https://odoo.dealer.example/odoo', database: 'dealer', login: 'crm-bot' },
    });
    expect(moved.body.connection?.company).toEqual({ id: 2, name: 'Dealer North Inc.' });
    const cleared = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, {
      connection: { url: 'https://odoo.dealer.example/odoo', database: 'dealer', login: 'crm-bot', company: null },
    });
    expect(cleared.body.connection).toMatchObject({ company: null, hasApiKey: true });
    const bad = await client(manager.token).patch<ErrorBody>(`/dealerships/${created.body.id}`, {
      connection: { url: 'https://odoo.dealer.example/odoo', database: 'dealer', login: 'crm-bot', company: { id: 0, name: '' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('connection.company.id');
  });

  it('replaces brands and models, clears the manager e-mail; a connection without apiKey has no key', async () => {
    const created = await client(manager.token).post<DealershipBody>('/dealerships', { code: 'EAST', name: 'East Motors' });
    expect(created.body).toMatchObject({ brands: [], models: [], managerEmail: null, connection: null });
    const edited = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, {
      brands: ['Honda'],
      models: [{ vehicleModel: 'City', productCode: 'CITY-15' }, { vehicleModel: 'Civic', productCode: 'CIVIC-20' }],
      managerEmail: 'boss@east.example',
      connection: { url: 'http://localhost:8069', database: 'east', login: 'bot' },
    });
    expect(edited.body).toMatchObject({
      brands: ['Honda'],
      models: [{ vehicleModel: 'City', productCode: 'CITY-15' }, { vehicleModel: 'Civic', productCode: 'CIVIC-20' }],
      managerEmail: 'boss@east.example',
      connection: { url: 'http://localhost:8069', database: 'east', login: 'bot', hasApiKey: false },
    });
    const cleared = await client(manager.token).patch<DealershipBody>(`/dealerships/${created.body.id}`, { managerEmail: null, brands: [] });
    expect(cleared.body).toMatchObject({ managerEmail: null, brands: [], models: [{ vehicleModel: 'City', productCode: 'CITY-15' }, { vehicleModel: 'Civic', productCode: 'CIVIC-20' }] });
  });

  it('refuses a code already used (whatever its case) with 409 already_exists naming code', async () => {
    await client(manager.token).post('/dealerships', full('WEST'));
    const duplicate = await client(manager.token).post<ErrorBody>('/dealerships', full('west'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toEqual({ code: 'already_exists', field: 'code', message: expect.stringMatching(/^code: /) });
    const other = await client(manager.token).post<DealershipBody>('/dealerships', full('CENTRAL'));
    const renamed = await client(manager.token).patch<ErrorBody>(`/dealerships/${other.body.id}`, { code: 'West' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error).toMatchObject({ code: 'already_exists', field: 'code', message: expect.stringContaining('already used') });
    expect((await client(manager.token).patch<DealershipBody>(`/dealerships/${other.body.id}`, { code: 'central' })).body.code).toBe('central');
    const racing = await Promise.all([1, 2, 3].map(() => client(manager.token).post<ErrorBody>('/dealerships', full('RACE'))));
    expect(racing.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
  });

  it('answers 404 for a dealership that does not exist, and 400 for a bad body', async () => {
    expect((await client(manager.token).patch('/dealerships/777777', { name: 'Nobody' })).status).toBe(404);
    expect((await client(manager.token).patch('/dealerships/x', { name: 'Nobody' })).status).toBe(404);
    const badUrl = await client(manager.token).post<ErrorBody>('/dealerships', { ...full('BAD'), connection: { url: 'file:///etc/passwd', database: 'd', login: 'l' } });
    expect(badUrl.status).toBe(400);
  });

  it('never returns an API key in any answer above, whatever the route or role', async () => {
    answers.push((await client(agent.token).get('/dealerships')).body, (await client(manager.token).get('/dealerships')).body);
    const text = JSON.stringify(answers);
    expect(answers.length).toBeGreaterThan(20);
    expect(text).not.toContain('TOP-SECRET');
    expect(text).not.toContain('"apiKey":');
    expect(text).not.toContain('v1.');
  });
});
