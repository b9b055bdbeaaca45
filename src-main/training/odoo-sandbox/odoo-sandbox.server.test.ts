import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOdooSandbox, type OdooSandbox } from './odoo-sandbox.server';
import { formatOdooDatetime } from './sandbox-models';
import { SANDBOX_USER } from './seed-data';

/** The sandbox's wire format, checked byte-level with plain fetch (no client in between). */

let sandbox: OdooSandbox;
let now = Date.UTC(2025, 0, 15, 9, 30, 0);

beforeAll(async () => {
  sandbox = await startOdooSandbox({ clock: () => now });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.inspect.reset();
  await sandbox.faults.clear();
});

async function post(body: string, contentType = 'application/json', path = '/jsonrpc'): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

async function rpc(service: string, method: string, args: unknown[], id = 7): Promise<Record<string, unknown>> {
  const response = await post(JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id }));
  expect(response.status).toBe(200);
  return JSON.parse(response.text) as Record<string, unknown>;
}

const bpo = (model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<Record<string, unknown>> =>
  rpc('object', 'execute_kw', ['sandbox', 2, SANDBOX_USER.apiKey, model, method, args, ...(kwargs ? [kwargs] : [])]);

function errorOf(envelope: Record<string, unknown>): { code: number; message: string; data: { name: string; message: string } } {
  expect(envelope).not.toHaveProperty('result');
  return envelope.error as { code: number; message: string; data: { name: string; message: string } };
}

describe('odoo sandbox: envelope', () => {
  it('answers common.version with Odoo 18 version info', async () => {
    expect(await rpc('common', 'version', [], 1)).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { server_version: '18.0', server_version_info: [18, 0, 0, 'final', 0, ''], server_serie: '18.0', protocol_version: 1 },
    });
  });

  it('leaves the result key out when the method returns None', async () => {
    const envelope = await bpo('sale.order', 'check_access_rule', [[], 'read']);
    expect(envelope).toEqual({ jsonrpc: '2.0', id: 7 });
    expect(Object.keys(envelope)).toEqual(['jsonrpc', 'id']);
  });

  it('answers errors with HTTP 200 and Odoo\'s error object', async () => {
    const envelope = await rpc('object', 'execute_kw', ['sandbox', 2, 'wrong-key', 'res.partner', 'search', [[]]], 9);
    expect(Object.keys(envelope)).toEqual(['jsonrpc', 'id', 'error']);
    expect(envelope.id).toBe(9);
    expect(envelope.error).toEqual({
      code: 200,
      message: 'Odoo Server Error',
      data: { name: 'odoo.exceptions.AccessDenied', debug: expect.stringMatching(/^Traceback/), message: 'Access Denied', arguments: ['Access Denied'], context: {} },
    });
  });

  it('answers an unknown route with an envelope carrying code 404', async () => {
    const response = await post(JSON.stringify({ jsonrpc: '2.0', params: {}, id: 3 }), 'application/json', '/json/2/res.partner/search');
    expect(response.status).toBe(200);
    const envelope = JSON.parse(response.text) as Record<string, unknown>;
    expect(envelope.id).toBe(3);
    expect(envelope.error).toMatchObject({ code: 404, message: '404: Not Found', data: { name: 'werkzeug.exceptions.NotFound' } });
  });

  it('answers a body that is not JSON, or a wrong Content-Type, with a plain HTTP 400 page', async () => {
    for (const response of [await post('{"jsonrpc": "2.0", oops'), await post('{"jsonrpc":"2.0","params":{}}', 'text/plain'), await post('[1, 2]')]) {
      expect(response.status).toBe(400);
      expect(response.type).toMatch(/^text\/html/);
      expect(response.text).toContain('<title>400 Bad Request</title>');
    }
  });

  it('raises builtins.Exception for an unknown common method and KeyError for an unknown service', async () => {
    expect(errorOf(await rpc('common', 'frobnicate', [])).data).toMatchObject({ name: 'builtins.Exception', message: 'Method not found: frobnicate' });
    expect(errorOf(await rpc('nothing', 'version', [])).data.name).toBe('builtins.KeyError');
  });
});

describe('odoo sandbox: authentication', () => {
  it('returns the uid, or false for a wrong key or login, and needs four arguments', async () => {
    expect((await rpc('common', 'authenticate', ['sandbox', SANDBOX_USER.login, SANDBOX_USER.apiKey, {}])).result).toBe(2);
    expect((await rpc('common', 'authenticate', ['sandbox', SANDBOX_USER.login, 'nope', {}])).result).toBe(false);
    expect((await rpc('common', 'authenticate', ['sandbox', 'who@else', SANDBOX_USER.apiKey, {}])).result).toBe(false);
    expect(errorOf(await rpc('common', 'authenticate', ['sandbox', SANDBOX_USER.login, SANDBOX_USER.apiKey])).data.name).toBe('builtins.TypeError');
  });

  // base/models/res_users.py, _assert_can_auth and _on_login_cooldown (base.login_cooldown_after = 5,
  // base.login_cooldown_duration = 60): counted per database and source address since the last success.
  it('after 5 failures refuses every login until 60 s after the last one, without counting the refused ones', async () => {
    const login = (key: string): Promise<Record<string, unknown>> => rpc('common', 'authenticate', ['sandbox', SANDBOX_USER.login, key, {}]);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      now += 1000;
      expect((await login('bad')).result).toBe(false);
    }
    expect((await login(SANDBOX_USER.apiKey)).result).toBe(false);
    expect(errorOf(await bpo('res.partner', 'search', [[]])).data).toMatchObject({
      name: 'odoo.exceptions.AccessDenied',
      message: 'Too many login failures, please wait a bit before trying again.',
    });
    now += 59_000;
    expect((await login(SANDBOX_USER.apiKey)).result).toBe(false);
    now += 1_000;
    expect((await login(SANDBOX_USER.apiKey)).result).toBe(2);
    // The success cleared the count: one more failure is not a cool-down.
    expect((await login('bad')).result).toBe(false);
    expect((await login(SANDBOX_USER.apiKey)).result).toBe(2);
  });

  it('counts failures with no time window: the fifth, hours after the first, starts a cool-down', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      now += 3_600_000;
      await rpc('common', 'authenticate', ['sandbox', SANDBOX_USER.login, 'bad', {}]);
    }
    expect((await rpc('common', 'authenticate', ['sandbox', SANDBOX_USER.login, SANDBOX_USER.apiKey, {}])).result).toBe(false);
    now += 60_000;
    expect((await rpc('common', 'authenticate', ['sandbox', SANDBOX_USER.login, SANDBOX_USER.apiKey, {}])).result).toBe(2);
  });

  it('lets a uid and key that passed once through a cool-down (res.users.check is ormcached)', async () => {
    expect((await bpo('res.partner', 'search_count', [[]])).result).toEqual(expect.any(Number));
    for (let attempt = 0; attempt < 5; attempt += 1) await rpc('common', 'authenticate', ['sandbox', SANDBOX_USER.login, 'bad', {}]);
    expect((await bpo('res.partner', 'search_count', [[]])).result).toEqual(expect.any(Number));
    const readonly = await rpc('object', 'execute_kw', ['sandbox', 6, 'sandbox-readonly-key', 'res.partner', 'search_count', [[]]]);
    expect(errorOf(readonly).data.message).toBe('Too many login failures, please wait a bit before trying again.');
  });

  it('rejects an expired API key with AccessDenied', async () => {
    sandbox.faults.expireApiKey(SANDBOX_USER.apiKey);
    expect(errorOf(await bpo('res.partner', 'search', [[]])).data.name).toBe('odoo.exceptions.AccessDenied');
    sandbox.inspect.reset();
  });
});

describe('odoo sandbox: ORM', () => {
  it('numbers sales orders S00001, S00002 and reads empty values as false, many2one as [id, name]', async () => {
    const partnerId = (await bpo('res.partner', 'create', [{ name: 'Ana Cruz', phone: '0917 123 4567' }])).result as number;
    const first = (await bpo('sale.order', 'create', [{ partner_id: partnerId, order_line: [[0, 0, { product_id: 1, product_uom_qty: 1 }]] }])).result as number;
    const second = (await bpo('sale.order', 'create', [{ partner_id: partnerId }])).result as number;
    const read = (await bpo('sale.order', 'read', [[first, second]], { fields: ['name', 'state', 'partner_id', 'client_order_ref', 'date_order', 'order_line'] })).result;
    expect(read).toEqual([
      { id: first, name: 'S00001', state: 'draft', partner_id: [partnerId, 'Ana Cruz'], client_order_ref: false, date_order: formatOdooDatetime(now), order_line: [1] },
      { id: second, name: 'S00002', state: 'draft', partner_id: [partnerId, 'Ana Cruz'], client_order_ref: false, date_order: formatOdooDatetime(now), order_line: [] },
    ]);
    const partner = (await bpo('res.partner', 'read', [[partnerId]], { fields: ['email', 'is_company', 'type'] })).result;
    expect(partner).toEqual([{ id: partnerId, email: false, is_company: false, type: 'contact' }]);
  });

  it('fails a create missing a required field with ValidationError naming model and field, and keeps nothing', async () => {
    const error = errorOf(await bpo('sale.order', 'create', [{ client_order_ref: 'L-1', order_line: [[0, 0, { product_id: 1 }]] }]));
    expect(error.data.name).toBe('odoo.exceptions.ValidationError');
    expect(error.data.message).toMatch(/^The operation cannot be completed:/);
    expect(error.data.message).toContain('Model: Sales Order (sale.order)');
    expect(error.data.message).toContain('Field: Customer (partner_id)');
    expect(sandbox.inspect.saleOrders()).toEqual([]);
  });

  it('creates an order and its lines atomically', async () => {
    const partnerId = (await bpo('res.partner', 'create', [{ name: 'Ben' }])).result as number;
    const error = errorOf(await bpo('sale.order', 'create', [{ partner_id: partnerId, order_line: [[0, 0, { product_id: 1 }], [0, 0, { product_id: 999 }]] }]));
    expect(error.data.name).toBe('odoo.exceptions.ValidationError');
    expect(sandbox.inspect.saleOrders()).toEqual([]);
    await bpo('sale.order', 'create', [{ partner_id: partnerId }]);
    expect(sandbox.inspect.saleOrders().map((order) => order.name)).toEqual(['S00001']);
  });

  it('raises UserError for an unknown model, AccessError for a private method, MissingError for a deleted record', async () => {
    expect(errorOf(await bpo('x.y', 'search', [[]])).data).toMatchObject({ name: 'odoo.exceptions.UserError', message: "Object x.y doesn't exist" });
    expect(errorOf(await bpo('res.partner', '_search', [[]])).data).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message: "Private methods (such as 'res.partner._search') cannot be called remotely.",
    });
    expect(errorOf(await bpo('sale.order', 'read', [[4242]])).data.name).toBe('odoo.exceptions.MissingError');
  });

  it('enforces access rights per user', async () => {
    const readonly = (method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<Record<string, unknown>> =>
      rpc('object', 'execute_kw', ['sandbox', 6, 'sandbox-readonly-key', 'sale.order', method, args, kwargs ?? {}]);
    expect((await readonly('check_access_rights', ['create'], { raise_exception: false })).result).toBe(false);
    expect((await readonly('has_access', [[], 'create'])).result).toBe(false);
    expect((await readonly('has_access', [[], 'read'])).result).toBe(true);
    expect(errorOf(await readonly('create', [{ partner_id: 1 }])).data.name).toBe('odoo.exceptions.AccessError');
    expect((await bpo('sale.order', 'check_access_rights', ['create'], { raise_exception: false })).result).toBe(true);
  });

  it('searches with limit, order and the implicit active filter', async () => {
    // 10 (Innova) is archived; 9 (Hiace) belongs to the second company, which this user may also use.
    expect((await bpo('product.product', 'search', [[['sale_ok', '=', true]]], { limit: 2, order: 'id desc' })).result).toEqual([9, 8]);
    const id = (await bpo('res.partner', 'create', [{ name: 'Archived Customer' }])).result as number;
    expect((await bpo('res.partner', 'write', [[id], { active: false }])).result).toBe(true);
    expect((await bpo('res.partner', 'search', [[['name', '=', 'Archived Customer']]])).result).toEqual([]);
    expect((await bpo('res.partner', 'search', [[['name', '=', 'Archived Customer'], ['active', '=', false]]])).result).toEqual([id]);
    expect(errorOf(await bpo('product.product', 'write', [[8], { active: false }])).data.name).toBe('odoo.exceptions.AccessError');
    expect((await bpo('product.product', 'search_count', [[]])).result).toBe(9);
    // A limit of 0 is no limit (the query adds LIMIT for a truthy one only).
    expect((await bpo('product.product', 'search', [[['sale_ok', '=', true]]], { limit: 0 })).result).toHaveLength(9);
  });
});
