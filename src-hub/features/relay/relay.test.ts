import { DEFAULT_CONFIG } from '../../server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { claimedLead, createDealership, prepare, type ErrorBody } from '../won/won.fixture';
import { deadUrl, startOdooStub, STUB_DB, STUB_LOGIN, STUB_UID, type OdooStub } from './odoo-stub.fixture';

const KEY = 'dealer-api-key-SECRET-4242';
const TEST_LEASE_MS = 120_000;

const rpc = (service: string, method: string, args: unknown[], id = 1) => ({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id });
const executeKw = (model: string, method: string, args: unknown[] = [[]], kwargs: Record<string, unknown> = {}) =>
  rpc('object', 'execute_kw', [null, null, null, model, method, args, kwargs]);

interface Envelope {
  jsonrpc: string;
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: { name?: string } };
}

describe.each(FEATURE_BACKENDS)('dealer relay on %s', (backend) => {
  let env: TestHub;
  let stub: OdooStub;
  let agent: Awaited<ReturnType<typeof createUser>>;
  let otherAgent: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let dealershipId: string;
  let otherDealershipId: string;
  const seen: string[] = [];

  /** Every relay answer passes through here: none may ever carry the key. */
  const relay = async (token: string, dealership: string, lease: string | null, body: unknown) => {
    const answer = await api(env.url, token).post<Envelope & ErrorBody>(`/dealer-relay/${dealership}/jsonrpc`, body, lease === null ? {} : { 'X-Relay-Lease': lease });
    seen.push(JSON.stringify(answer.body));
    return answer;
  };
  const wonLeaseOf = async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    return { pushId: (await prepare(env, agent.token, lead.id)).pushId, ref: lead.ref };
  };
  const wonLease = async () => (await wonLeaseOf()).pushId;
  /** The shapes Mark as Won sends (src-main/dealer): the relay checks each call's arguments against them. */
  const ORDER_FIELDS = { fields: ['name', 'state', 'partner_id', 'client_order_ref'], limit: 1, order: 'id' };
  const partnerByEmail = (email: string) => executeKw('res.partner', 'search_read', [[['email', '=ilike', email]]], { fields: ['name', 'email', 'phone'], limit: 50, order: 'id' });
  const orderCreate = (ref: string) => executeKw('sale.order', 'create', [{ partner_id: 1, client_order_ref: ref, order_line: [[0, 0, { product_id: 7, product_uom_qty: 1 }]] }]);
  const orderRead = (ref: string) => executeKw('sale.order', 'search_read', [[['id', '=', 42], ['client_order_ref', '=', ref]]], ORDER_FIELDS);

  beforeAll(async () => {
    stub = await startOdooStub(KEY);
    env = await startTestHub(backend, { dealerTimeoutMs: 500, testLeaseMs: TEST_LEASE_MS, mailPollMs: 0 });
    agent = await createUser(env.db, 'agent', 'agent');
    otherAgent = await createUser(env.db, 'other', 'agent');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    manager = await createUser(env.db, 'manager', 'manager');
    dealershipId = (await createDealership(env, manager.token, { name: 'Metro Toyota', url: stub.url, apiKey: KEY })).id;
    otherDealershipId = (await createDealership(env, manager.token, { name: 'Bay Honda', url: stub.url, apiKey: KEY })).id;
  });
  beforeEach(() => {
    stub.mode = 'normal';
    stub.key = KEY;
    stub.calls.length = 0;
  });
  afterAll(async () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const body of seen) expect(body).not.toContain(KEY);
    const calls = await env.db.query('select * from dealer_calls');
    expect(JSON.stringify(calls)).not.toContain(KEY);
    await env.close();
    await stub.close();
  });

  it('forwards common.version and answers the dealer envelope as is', async () => {
    const answer = await relay(agent.token, dealershipId, await wonLease(), rpc('common', 'version', [], 5));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ jsonrpc: '2.0', id: 5, result: expect.objectContaining({ server_version: '18.0' }) });
    expect(stub.calls).toEqual([{ service: 'common', method: 'version', args: [] }]);
  });

  it('fills database, uid and key into execute_kw, signing in first and reusing the uid', async () => {
    const { pushId: lease, ref } = await wonLeaseOf();
    const first = await relay(agent.token, dealershipId, lease, partnerByEmail('a@b.example'));
    expect(first.body).toMatchObject({ jsonrpc: '2.0', id: 1, result: { model: 'res.partner', method: 'search_read' } });
    const created = await relay(agent.token, dealershipId, lease, orderCreate(ref));
    expect(created.body.result).toBe(42);
    const authentications = stub.calls.filter((call) => call.method === 'authenticate');
    expect(authentications.length).toBeLessThanOrEqual(1);
    for (const call of stub.calls.filter((item) => item.method === 'execute_kw')) expect(call.args.slice(0, 3)).toEqual([STUB_DB, STUB_UID, KEY]);
    expect(stub.calls.at(-1)?.args.slice(3)).toEqual(['sale.order', 'create', [{ partner_id: 1, client_order_ref: ref, order_line: [[0, 0, { product_id: 7, product_uom_qty: 1 }]] }], {}]);
  });

  it('fills common.authenticate with database, login and key and answers the uid', async () => {
    const answer = await relay(agent.token, dealershipId, await wonLease(), rpc('common', 'authenticate', [null, null, null, {}]));
    expect(answer.body.result).toBe(STUB_UID);
    expect(stub.calls).toEqual([{ service: 'common', method: 'authenticate', args: [STUB_DB, STUB_LOGIN, KEY, {}] }]);
  });

  it('signs in again once when a cached uid meets AccessDenied (a rotated key), and passes Odoo errors with HTTP 200', async () => {
    const { pushId: lease, ref } = await wonLeaseOf();
    await relay(agent.token, dealershipId, lease, orderRead(ref));
    stub.key = 'rotated-on-the-dealer';
    stub.calls.length = 0;
    const denied = await relay(agent.token, dealershipId, lease, orderRead(ref));
    expect(denied.status).toBe(200);
    expect(denied.body.error?.data?.name).toBe('odoo.exceptions.AccessDenied');
    expect(stub.calls.map((call) => call.method)).toEqual(['execute_kw', 'authenticate']);
  });

  it('masks the key should the dealer echo it in an error', async () => {
    stub.mode = 'leak_args';
    const answer = await relay(agent.token, dealershipId, await wonLease(), executeKw('product.product', 'search_read', [[['default_code', '=', 'VIOS'], ['sale_ok', '=', true]]], { fields: ['name', 'default_code'], limit: 1, order: 'id' }));
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('***');
    expect(JSON.stringify(answer.body)).not.toContain(KEY);
  });

  it('refuses every other service, model and method with 403 forbidden before reaching the dealer', async () => {
    const lease = await wonLease();
    const refused = [
      executeKw('res.users', 'read', [[1]]),
      executeKw('sale.order', 'write', [[42], { state: 'cancel' }]),
      executeKw('sale.order', 'unlink', [[42]]),
      executeKw('res.partner', '_compute_display_name'),
      executeKw('ir.config_parameter', 'search_read'),
      rpc('common', 'login', [null, null, null]),
      rpc('object', 'execute', [null, null, null, 'sale.order', 'search', []]),
    ];
    for (const body of refused) {
      const answer = await relay(agent.token, dealershipId, lease, body);
      expect([answer.status, answer.body.error?.code]).toEqual([403, 'forbidden']);
    }
    expect((await relay(agent.token, dealershipId, lease, rpc('db', 'list', []))).status).toBe(400);
    const withKey = await relay(agent.token, dealershipId, lease, rpc('object', 'execute_kw', ['db', 1, 'guess', 'sale.order', 'search_read', [[]]]));
    expect([withKey.status, withKey.body.error?.code]).toEqual([400, 'invalid_input']);
    expect(stub.calls).toEqual([]);
    const logged = await env.db.query<{ status: string }>(`select status from dealer_calls where lease_id = $1`, [lease]);
    expect(logged.filter((row) => row.status === 'forbidden')).toHaveLength(refused.length);
  });

  it('refuses arguments wider than the app sends with 403 naming the argument, before reaching the dealer', async () => {
    const { pushId: lease, ref } = await wonLeaseOf();
    const refused = [
      executeKw('res.partner', 'search_read', [[]], { fields: ['name', 'email', 'phone'], limit: 50, order: 'id' }),
      executeKw('res.partner', 'create', [{ name: 'X', is_company: false, type: 'contact', user_ids: [[0, 0, { login: 'x' }]] }]),
      executeKw('sale.order', 'create', [{ partner_id: 1, client_order_ref: ref, state: 'sale', order_line: [[0, 0, { product_id: 7, product_uom_qty: 1 }]] }]),
      orderCreate('LEAD/1999/99999'),
      orderRead('LEAD/1999/99999'),
      executeKw('sale.order', 'check_access_rights', ['create'], { raise_exception: false }),
    ];
    const answers = [];
    for (const body of refused) answers.push(await relay(agent.token, dealershipId, lease, body));
    for (const answer of answers) expect([answer.status, answer.body.error?.code]).toEqual([403, 'forbidden']);
    expect(answers[0]?.body.error.message).toContain('res.partner.search_read with these arguments (args[5][0]');
    expect(answers[1]?.body.error.message).toContain('args[5][0]');
    expect(answers[2]?.body.error.message).toContain('sale.order.create');
    expect(answers[3]?.body.error.message).toContain('client_order_ref');
    expect(answers[5]?.body.error.message).toContain('Test Connection lease only');
    expect(stub.calls.filter((call) => call.method === 'execute_kw')).toEqual([]);
    expect((await relay(agent.token, dealershipId, lease, orderCreate(ref))).body.result).toBe(42);
  });

  it('opens only for the holder of an active lease of that dealership', async () => {
    const lease = await wonLease();
    const version = rpc('common', 'version', []);
    const refusals = [
      await relay(agent.token, dealershipId, null, version),
      await relay(agent.token, dealershipId, '00000000-0000-4000-8000-000000000000', version),
      await relay(otherAgent.token, dealershipId, lease, version),
      await relay(supervisor.token, dealershipId, lease, version),
      await relay(agent.token, otherDealershipId, lease, version),
    ];
    for (const answer of refusals) expect([answer.status, answer.body.error.code]).toEqual([403, 'forbidden']);
    expect(refusals[4]?.body.error.message).toContain('another dealership');
    expect(stub.calls).toEqual([]);
    expect((await relay(agent.token, dealershipId, lease, version)).status).toBe(200);
  });

  it('closes when the lease ends or expires', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const { pushId } = await prepare(env, agent.token, lead.id);
    await api(env.url, agent.token).post(`/leads/${lead.id}/won/fail`, { pushId, error: { code: 'x', message: 'stopped' } });
    const ended = await relay(agent.token, dealershipId, pushId, rpc('common', 'version', []));
    expect([ended.status, ended.body.error.code]).toEqual([403, 'forbidden']);
    const lapsing = await wonLease();
    env.clock.advance(DEFAULT_CONFIG.wonLeaseMs + 1000);
    expect((await relay(agent.token, dealershipId, lapsing, rpc('common', 'version', []))).status).toBe(403);
  });

  it('test leases: managers only (agents are told to ask a manager), valid testLeaseMs', async () => {
    const agentAsk = await api(env.url, agent.token).post<ErrorBody>(`/dealerships/${dealershipId}/test-lease`);
    expect([agentAsk.status, agentAsk.body.error.code]).toEqual([403, 'forbidden']);
    expect(agentAsk.body.error.message).toContain('Ask a manager to run Test Connection on dealership "Metro Toyota"');
    expect((await api(env.url, supervisor.token).post(`/dealerships/${dealershipId}/test-lease`)).status).toBe(403);
    expect((await api(env.url, manager.token).post(`/dealerships/999999/test-lease`)).status).toBe(404);
    const granted = await api(env.url, manager.token).post<{ leaseId: string }>(`/dealerships/${dealershipId}/test-lease`);
    expect(granted.status).toBe(200);
    const body = executeKw('sale.order', 'check_access_rights', ['create'], { raise_exception: false });
    expect((await relay(manager.token, dealershipId, granted.body.leaseId, body)).status).toBe(200);
    expect((await relay(agent.token, dealershipId, granted.body.leaseId, body)).status).toBe(403);
    env.clock.advance(TEST_LEASE_MS);
    expect((await relay(manager.token, dealershipId, granted.body.leaseId, body)).status).toBe(403);
  });

  it('answers 502 dealer_unreachable when the dealer refuses the connection or does not answer in time', async () => {
    const dead = await createDealership(env, manager.token, { name: 'Dead Motors', url: await deadUrl(), apiKey: KEY });
    const lead = await claimedLead(env, agent.token, dead.id);
    const { pushId } = await prepare(env, agent.token, lead.id);
    const refused = await relay(agent.token, dead.id, pushId, rpc('common', 'version', []));
    expect([refused.status, refused.body.error.code]).toEqual([502, 'dealer_unreachable']);
    expect(refused.body.error.message).toContain('Dead Motors');
    expect(refused.body.error.message).toContain('nothing was sent');
    expect(refused.body.error.dealerCallSent).toBe(false);

    stub.mode = 'hang';
    const lease = await wonLease();
    const timedOut = await relay(agent.token, dealershipId, lease, rpc('common', 'version', []));
    expect([timedOut.status, timedOut.body.error.code]).toEqual([502, 'dealer_unreachable']);
    expect(timedOut.body.error.message).toContain('did not answer');
    expect(timedOut.body.error.dealerCallSent).toBe(true);
  });

  it('answers a dealer 502/504 as 502 dealer_unreachable with an unknown outcome, and a non-JSON answer as 502 too', async () => {
    const { pushId: lease, ref } = await wonLeaseOf();
    await relay(agent.token, dealershipId, lease, rpc('common', 'authenticate', [null, null, null, {}]));
    for (const mode of ['status502', 'status504'] as const) {
      stub.mode = mode;
      const lost = await relay(agent.token, dealershipId, lease, orderCreate(ref));
      expect([lost.status, lost.body.error.code]).toEqual([502, 'dealer_unreachable']);
      expect(lost.body.error.message).toContain('It is not known whether sale.order.create was carried out');
      expect(lost.body.error.dealerCallSent).toBe(true);
    }
    stub.mode = 'html';
    const html = await relay(agent.token, dealershipId, lease, rpc('common', 'version', []));
    expect([html.status, html.body.error.code]).toEqual([502, 'dealer_unreachable']);
    expect(html.body.error.message).toContain('without a JSON-RPC answer');
    expect(html.body.error.dealerCallSent).toBe(true);
    const statuses = (await env.db.query<{ status: string }>('select status from dealer_calls where lease_id = $1 order by id', [lease])).map((row) => row.status);
    expect(statuses).toEqual(['ok', 'http_502', 'http_504', 'http_200_not_jsonrpc']);
  });
});
