import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { OpenApiValidator } from '../../testing/openapi-validator';

type Operation = { responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>; requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> }; security?: unknown; parameters: Array<{ name: string; in: string; schema: Record<string, unknown> }>; description?: string };
type Doc = { openapi: string; info: { description: string }; paths: Record<string, Record<string, Operation>> };
type ErrorBody = { error: { code: string; message: string; field?: string } };

describe('OpenAPI document', () => {
  let env: TestHub;
  let doc: Doc;
  let validator: OpenApiValidator;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let agent: Awaited<ReturnType<typeof createUser>>;
  const op = (method: string, path: string): Operation => {
    const found = doc.paths[`/api/v1${path}`]?.[method];
    if (!found) throw new Error(`${method} ${path} is not documented`);
    return found;
  };
  /** The hub's answer, and whether the document describes that answer. */
  const send = async (token: string | null, method: 'post' | 'patch' | 'get', path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const client = api(env.url, token ?? undefined);
    const answer = method === 'get' ? await client.get<ErrorBody>(path, headers) : method === 'post' ? await client.post<ErrorBody>(path, body, headers) : await client.patch<ErrorBody>(path, body);
    expect(validator.checkResponse(method.toUpperCase(), `/api/v1${path}`, answer.status, 'application/json', answer.body)).toEqual([]);
    return answer;
  };
  const docRefuses = (method: string, path: string, body?: unknown) => validator.checkRequest(method, `/api/v1${path}`, body).problems;
  const claimedLead = async () => {
    const lead = await createLead(env.db);
    expect((await api(env.url, agent.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    return lead;
  };

  beforeAll(async () => {
    env = await startTestHub('pglite');
    manager = await createUser(env.db, 'manager', 'manager');
    agent = await createUser(env.db, 'agent', 'agent');
    doc = (await api(env.url).get<Doc>('/openapi.json')).body;
    validator = new OpenApiValidator(doc);
  });
  afterAll(() => env.close());

  it('documents every route from the same schemas the hub parses with', () => {
    expect(doc.openapi).toBe('3.0.3');
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    for (const route of ['POST /api/v1/leads/{id}/claim', 'GET /api/v1/sync', 'POST /api/v1/intake/leads', 'POST /api/v1/dealer-relay/{dealershipId}/jsonrpc', 'GET /api/v1/mail-outbox', 'PATCH /api/v1/leads/{id}', 'GET /api/v1/leads/export.csv', 'GET /api/v1/reports/funnel', 'GET /api/v1/reports/calls', 'GET /api/v1/unclaimed-alerts', 'POST /api/v1/unclaimed-alerts', 'GET /api/v1/updates/{file}']) {
      expect(documented).toContain(route);
    }
    const claim = op('post', '/leads/{id}/claim');
    expect(Object.keys(claim.responses)).toEqual(expect.arrayContaining(['200', '401', '404', '409', '422']));
    expect(claim.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(op('post', '/leads/{id}/lost').requestBody)).toContain('model_unavailable');
    const csv = op('get', '/leads/export.csv');
    expect(Object.keys(csv.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(JSON.stringify(csv.responses['200'])).toContain('text/csv');
    expect(JSON.stringify(op('get', '/reports/calls'))).toContain('utcOffsetMinutes');
    // The relay's allow-list, as hub-api.md's relay row states it.
    const relay = JSON.stringify(op('post', '/dealer-relay/{dealershipId}/jsonrpc'));
    for (const rule of ['res.partner: search_read, create, fields_get, has_access, check_access_rights', 'common.authenticate (sent with null database, login and key', 'a customer by exact e-mail or phone digits', 'res.users: read, has_group', 'res.company: read', "the integration user's own record only"]) {
      expect(relay).toContain(rule);
    }
  });

  it('1. a body the hub requires is documented as required, and its absence is a 400 naming the body', async () => {
    const required = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).filter(([, operation]) => operation.requestBody?.required === true).map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    for (const route of ['POST /api/v1/auth/login', 'POST /api/v1/stages', 'PATCH /api/v1/stages/{id}', 'POST /api/v1/users', 'PATCH /api/v1/users/{id}', 'POST /api/v1/dealerships', 'PATCH /api/v1/dealerships/{id}', 'POST /api/v1/intake-keys', 'POST /api/v1/intake/leads', 'POST /api/v1/leads', 'PATCH /api/v1/leads/{id}', 'POST /api/v1/leads/{id}/stage', 'POST /api/v1/leads/{id}/assign', 'POST /api/v1/leads/{id}/notes', 'POST /api/v1/leads/{id}/calls']) {
      expect(required).toContain(route);
    }
    // A bodiless POST takes nothing or `{}`: its body stays optional.
    expect(op('post', '/leads/{id}/claim').requestBody?.required).toBe(false);
    const lead = await claimedLead();
    for (const [path, token] of [['/stages', manager.token], [`/leads/${lead.id}/notes`, agent.token], [`/leads/${lead.id}/stage`, agent.token]] as const) {
      expect(docRefuses('POST', path, undefined)).toEqual(['body: required']);
      const answer = await send(token, 'post', path);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe('Invalid body: Required');
    }
  });

  it('2. limit is a whole number in its range, in the document and at the hub', async () => {
    for (const [path, max] of [['/leads', 200], ['/call-logs', 200], ['/mail-outbox', 200]] as const) {
      const limit = op('get', path).parameters.find((parameter) => parameter.name === 'limit');
      expect(limit?.schema).toEqual({ type: 'integer', minimum: 1, maximum: max, default: 50 });
    }
    for (const bad of ['0', '201', '1.5', 'abc']) {
      expect(docRefuses('GET', `/leads?limit=${bad}`).join()).toContain('limit');
      const answer = await send(agent.token, 'get', `/leads?limit=${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain('limit');
    }
    expect(docRefuses('GET', '/leads?limit=200')).toEqual([]);
    expect((await send(agent.token, 'get', '/leads?limit=200')).status).toBe(200);
  });

  describe('3. the rules the schema can state are stated, and both the document and the hub refuse what breaks them', () => {
    const bothRefuse = async (token: string, method: 'post' | 'patch', path: string, body: unknown, field: string) => {
      expect(docRefuses(method.toUpperCase(), path.replace(/\/\d+(\/|$)/, '/1$1'), body).length, `the document should refuse ${JSON.stringify(body)}`).toBeGreaterThan(0);
      const answer = await send(token, method, path, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.error.message).toContain(field);
    };

    it('at least one field in a PATCH', async () => {
      const stages = await stageIds(env.db);
      expect(JSON.stringify(op('patch', '/stages/{id}').requestBody)).toContain('"minProperties":1');
      await bothRefuse(manager.token, 'patch', `/stages/${stages['new']}`, {}, 'at least one field');
      await bothRefuse(manager.token, 'patch', `/users/${agent.id}`, {}, 'at least one field');
      const lead = await claimedLead();
      await bothRefuse(agent.token, 'patch', `/leads/${lead.id}`, { version: 0 }, 'at least one of customer');
      expect(docRefuses('PATCH', '/leads/1', { vehicleModel: 'Hilux' })).toEqual([]);
    });

    it('a phone or an e-mail on a new lead, and not both cleared on a PATCH', async () => {
      expect(JSON.stringify(op('post', '/leads').requestBody)).toContain('"anyOf":[{"required":["phone"]');
      await bothRefuse(agent.token, 'post', '/leads', { customer: { name: 'No Contact', phone: '', email: null }, brand: 'Toyota', vehicleModel: 'Vios' }, 'customer');
      await bothRefuse(agent.token, 'post', '/leads', { customer: { name: 'Short Phone', phone: '12345' }, brand: 'Toyota', vehicleModel: 'Vios' }, 'customer');
      expect(docRefuses('POST', '/leads', { customer: { name: 'Only Mail', email: 'only@mail.example' }, brand: 'Toyota', vehicleModel: 'Vios' })).toEqual([]);
      const lead = await claimedLead();
      await bothRefuse(agent.token, 'patch', `/leads/${lead.id}`, { customer: { phone: null, email: '' } }, 'customer');
    });

    it('visitKind only on visits, and always on a visit', async () => {
      const lead = await claimedLead();
      const dueAt = '2026-11-24T09:00:00Z';
      await bothRefuse(agent.token, 'post', `/leads/${lead.id}/activities`, { type: 'call', summary: 'Call back', dueAt, visitKind: 'showroom' }, 'visitKind');
      await bothRefuse(agent.token, 'post', `/leads/${lead.id}/activities`, { type: 'visit', summary: 'Visit', dueAt }, 'visitKind');
      await bothRefuse(agent.token, 'post', `/leads/${lead.id}/calls`, { durationMin: 3, result: 'answered', summary: 'ok', nextActivity: { type: 'task', summary: 'x', dueAt, visitKind: 'on_site' } }, 'visitKind');
      expect(docRefuses('POST', '/leads/1/activities', { type: 'visit', summary: 'Visit', dueAt, visitKind: 'showroom' })).toEqual([]);
    });

    it('isWon and isLost not both', async () => {
      await bothRefuse(manager.token, 'post', '/stages', { name: 'Both', sequence: 90, isWon: true, isLost: true }, 'isLost');
      const stages = await stageIds(env.db);
      await bothRefuse(manager.token, 'patch', `/stages/${stages['qualified']}`, { isWon: true, isLost: true }, 'isLost');
      expect(docRefuses('POST', '/stages', { name: 'Won too', sequence: 90, isWon: true, isLost: false })).toEqual([]);
    });

    it('managerEmail is an e-mail address, or "" or null for none', async () => {
      expect(JSON.stringify(op('post', '/dealerships').requestBody)).toContain('"format":"email"');
      await bothRefuse(manager.token, 'post', '/dealerships', { code: 'MAIL-1', name: 'Mail', managerEmail: 'not-an-address' }, 'managerEmail');
      for (const managerEmail of ['', null, 'boss@dealer.example']) expect(docRefuses('POST', '/dealerships', { code: 'MAIL-1', name: 'Mail', managerEmail })).toEqual([]);
    });

    it('no NUL characters in any text', async () => {
      const lead = await claimedLead();
      await bothRefuse(agent.token, 'post', `/leads/${lead.id}/notes`, { body: 'a\u0000b' }, 'body');
      await bothRefuse(manager.token, 'post', '/stages', { name: 'N\u0000UL', sequence: 91 }, 'name');
      expect(docRefuses('GET', '/leads?q=a%00b').join()).toContain('q');
    });

    it('each vehicleModel once', async () => {
      const models = [{ vehicleModel: 'Vios', productCode: 'V1' }, { vehicleModel: 'Vios', productCode: 'V1' }];
      await bothRefuse(manager.token, 'post', '/dealerships', { code: 'TWICE-1', name: 'Twice', models }, 'models');
      expect(JSON.stringify(op('post', '/dealerships').requestBody)).toContain('Each vehicleModel only once, whatever its case.');
    });

    it('cross-field rules JSON Schema cannot state are in the description', () => {
      expect(op('get', '/call-logs').description).toContain('from must be earlier than to');
      expect(op('get', '/reports/calls').description).toContain('from must be earlier than to');
      expect(op('get', '/leads').description).toContain('createdAfter must be earlier than createdBefore');
      expect(op('patch', '/leads/{id}').description).toContain('The lead must keep a phone or an email after the change');
      expect(op('patch', '/stages/{id}').description).toContain('may not be both won and lost');
    });
  });

  it('4. POST /leads and POST /intake/leads document their 200 (merged, duplicate) and answer it as documented', async () => {
    for (const path of ['/leads', '/intake/leads']) {
      expect(Object.keys(op('post', path).responses)).toEqual(expect.arrayContaining(['200', '201']));
    }
    const customer = { name: 'Twice Customer', phone: '+63 917 123 4567' };
    const created = await send(agent.token, 'post', '/leads', { customer, brand: 'Toyota', vehicleModel: 'Vios' });
    expect(created.status).toBe(201);
    const merged = await send(agent.token, 'post', '/leads', { customer, brand: 'Toyota', vehicleModel: 'Fortuner' });
    expect(merged).toMatchObject({ status: 200, body: { outcome: 'merged' } });
    const key = (await api(env.url, manager.token).post<{ key: string }>('/intake-keys', { name: 'Feed' })).body.key;
    const fed = { externalId: 'feed-1', source: 'Feed', customer: { name: 'Fed Customer', email: 'fed@mail.example' }, brand: 'Toyota', vehicleModel: 'Vios' };
    expect((await send(null, 'post', '/intake/leads', fed, { 'x-intake-key': key })).status).toBe(201);
    expect(await send(null, 'post', '/intake/leads', fed, { 'x-intake-key': key })).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
  });

  it('5. a unique conflict is a documented 409 already_exists, an unknown reference a documented 422 unknown_reference', async () => {
    for (const [method, path] of [['post', '/users'], ['post', '/dealerships'], ['patch', '/dealerships/{id}'], ['post', '/stages'], ['patch', '/stages/{id}']] as const) {
      expect(JSON.stringify(op(method, path).responses['409'])).toContain('already_exists');
    }
    for (const [method, path] of [['post', '/leads/{id}/stage'], ['patch', '/leads/{id}'], ['post', '/leads'], ['post', '/intake/leads']] as const) {
      expect(JSON.stringify(op(method, path).responses['422'])).toContain('unknown_reference');
    }
    expect(doc.info.description).toContain('`already_exists`');
    expect(doc.info.description).toContain('`unknown_reference`');
    const login = await send(manager.token, 'post', '/users', { login: 'agent', name: 'Again', email: 'again@bpo.example', role: 'agent', password: 'a-good-password' });
    expect(login).toMatchObject({ status: 409, body: { error: { code: 'already_exists', field: 'login' } } });
    const stage = await send(manager.token, 'post', '/stages', { name: 'NEW', sequence: 3 });
    expect(stage).toMatchObject({ status: 409, body: { error: { code: 'already_exists', field: 'name' } } });
    const lead = await claimedLead();
    const unknown = await send(agent.token, 'post', `/leads/${lead.id}/stage`, { stageId: '424242' });
    expect(unknown).toMatchObject({ status: 422, body: { error: { code: 'unknown_reference', field: 'stageId' } } });
  });

  it('6. a wrong method on a documented path is a 405 the document explains, with Allow', async () => {
    const lead = await createLead(env.db);
    const answer = await fetch(`${env.url}/leads/${lead.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${agent.token}` } });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD, PATCH');
    expect(validator.checkResponse('DELETE', `/api/v1/leads/${lead.id}`, 405, 'application/json', await answer.json())).toEqual([]);
    expect(doc.info.description).toContain('405 `method_not_allowed` with an `Allow` header');
  });
});
