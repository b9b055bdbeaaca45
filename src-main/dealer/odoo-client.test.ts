import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SANDBOX_DATABASE, SANDBOX_USER } from '../training/odoo-sandbox/seed-data';
import { executeWith } from './dealer-context';
import { startDealerHarness, type DealerHarness } from './dealer-test-harness';
import { createOdooClient } from './odoo-client';
import { mapTransportError } from './odoo-error-map';

/** The client against the sandbox dealer: every envelope fact of odoo-jsonrpc.md, as the client sees it. */

let h: DealerHarness;
// No test here waits for the timeout (those are in the fault matrix): generous, as the sandbox's key check took
// over 200 ms on this two-core machine under a full test run.
const TIMEOUT_MS = 5_000;

beforeAll(async () => {
  h = await startDealerHarness(TIMEOUT_MS);
});
afterAll(() => h.sandbox.close());
beforeEach(async () => {
  h.sandbox.inspect.reset();
  await h.sandbox.faults.clear();
});

const uid = (): number => (h.ctx.credentials === 'relay' ? 0 : h.ctx.credentials.uid);

describe('odoo client: envelope', () => {
  it('reads common.version', async () => {
    const version = await h.client.version();
    expect(version).toEqual({ ok: true, value: expect.objectContaining({ server_serie: '18.0', server_version_info: [18, 0, 0, 'final', 0, ''] }) });
  });

  it('authenticates to a uid, and maps `false` to dealer_access_denied', async () => {
    expect(await h.client.authenticate(SANDBOX_DATABASE, SANDBOX_USER.login, SANDBOX_USER.apiKey)).toEqual({ ok: true, value: 2 });
    const refused = await h.client.authenticate(SANDBOX_DATABASE, SANDBOX_USER.login, 'not-the-key');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('dealer_access_denied');
      expect(refused.error.message).toContain('bpo@sandbox.local');
    }
  });

  it('reads a missing result (None) as null', async () => {
    const result = await h.client.executeKw(SANDBOX_DATABASE, uid(), SANDBOX_USER.apiKey, 'sale.order', 'check_access_rule', [[], 'read']);
    expect(result).toEqual({ ok: true, value: null });
  });

  it('maps AccessDenied on a wrong key or uid to dealer_access_denied', async () => {
    for (const [badUid, badKey] of [[uid(), 'wrong'], [99, SANDBOX_USER.apiKey]] as const) {
      const result = await h.client.executeKw(SANDBOX_DATABASE, badUid, badKey, 'res.partner', 'search', [[]]);
      expect(result).toEqual({ ok: false, error: { code: 'dealer_access_denied', message: expect.stringContaining('API key'), odooName: 'odoo.exceptions.AccessDenied' } });
    }
  });

  it('maps a missing required field to dealer_validation with Odoo\'s text naming model and field', async () => {
    const result = await executeWith(h.ctx, 'sale.order', 'create', [{ client_order_ref: 'L-1' }], {}, z.number());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('dealer_validation');
      expect(result.error.odooName).toBe('odoo.exceptions.ValidationError');
      expect(result.error.message).toContain('The operation cannot be completed');
      expect(result.error.message).toContain('(sale.order)');
      expect(result.error.message).toContain('(partner_id)');
    }
  });

  it('maps an unknown model (UserError) to dealer_validation', async () => {
    const result = await executeWith(h.ctx, 'x.y', 'search', [[]], {}, z.array(z.number()));
    expect(result).toEqual({ ok: false, error: { code: 'dealer_validation', message: expect.stringContaining("Object x.y doesn't exist"), odooName: 'odoo.exceptions.UserError' } });
  });

  it('maps a private method (AccessError) and a deleted record (MissingError) to dealer_unexpected with the Odoo name', async () => {
    const priv = await executeWith(h.ctx, 'res.partner', '_compute_display_name', [[1]], {}, z.unknown());
    expect(priv).toEqual({ ok: false, error: { code: 'dealer_unexpected', message: expect.stringContaining('cannot be called remotely'), odooName: 'odoo.exceptions.AccessError' } });
    h.sandbox.inspect.deleteRecord('res.partner', 1);
    const missing = await executeWith(h.ctx, 'res.partner', 'read', [[1]], { fields: ['name'] }, z.unknown());
    expect(missing).toEqual({ ok: false, error: { code: 'dealer_unexpected', message: expect.stringContaining('does not exist'), odooName: 'odoo.exceptions.MissingError' } });
  });

  it('maps the no-create AccessError to dealer_no_create_right', async () => {
    const result = await executeWith(h.readonlyCtx, 'sale.order', 'create', [{ partner_id: 1 }], {}, z.number());
    expect(result).toEqual({ ok: false, error: { code: 'dealer_no_create_right', message: expect.stringContaining('Sales Orders'), odooName: 'odoo.exceptions.AccessError' } });
  });

  it('maps the 404 envelope of a wrong route and the HTTP 400 page to dealer_unexpected', async () => {
    const wrongRoute = createOdooClient({ endpoint: `${h.sandbox.url}/json/2`, timeoutMs: TIMEOUT_MS });
    const notFound = await wrongRoute.version();
    expect(notFound).toEqual({ ok: false, error: { code: 'dealer_unexpected', message: expect.stringContaining('Odoo URL'), odooName: 'werkzeug.exceptions.NotFound' } });
    const wrongType = createOdooClient({ endpoint: h.sandbox.endpoint, headers: { 'Content-Type': 'text/plain' }, timeoutMs: TIMEOUT_MS });
    const badRequest = await wrongType.version();
    expect(badRequest).toEqual({ ok: false, error: { code: 'dealer_unexpected', message: expect.stringContaining('HTTP 400') } });
  });

  it('maps a result that fails its schema to dealer_unexpected', async () => {
    const result = await executeWith(h.ctx, 'res.partner', 'search', [[]], {}, z.array(z.string()));
    expect(result.ok ? 'ok' : result.error.code).toBe('dealer_unexpected');
  });

  it('passes domain operators through to Odoo', async () => {
    const search = (domain: unknown[]): Promise<unknown> =>
      executeWith(h.ctx, 'product.product', 'search', [domain], { order: 'id' }, z.array(z.number())).then((r) => (r.ok ? r.value : r.error.code));
    expect(await search([['default_code', 'in', ['Vios', 'City']]])).toEqual([1, 5]);
    expect(await search([['id', 'not in', [1, 2, 3, 4, 5]]])).toEqual([6, 7, 8, 9]);
    expect(await search(['|', ['default_code', '=ilike', 'cr-_'], ['name', 'ilike', 'hilux']])).toEqual([4, 7]);
    expect(await search(['!', ['name', 'like', 'Toyota'], ['id', '<', 7]])).toEqual([5, 6]);
    expect(await search([['id', '>=', 7], ['default_code', '!=', 'CR-V']])).toEqual([8, 9]);
  });
});

describe('odoo client: relay mode', () => {
  let relay: Server;
  let seen: { headers: IncomingHttpHeaders; body: unknown }[] = [];
  let reply: { status: number; body: string } = { status: 200, body: '{"jsonrpc":"2.0","id":1,"result":[]}' };

  beforeAll(async () => {
    // A stand-in for the hub's relay: records what the client sends and answers what the test says.
    relay = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: JSON.parse(text) as unknown });
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => relay.close(() => resolve())));

  it('sends null for database, uid and key with the relay headers', async () => {
    seen = [];
    reply = { status: 200, body: '{"jsonrpc":"2.0","id":1,"result":[3]}' };
    const port = (relay.address() as AddressInfo).port;
    const client = createOdooClient({ endpoint: `http://127.0.0.1:${port}/api/v1/dealer-relay/d1/jsonrpc`, headers: { 'X-Relay-Lease': 'lease-1' }, timeoutMs: TIMEOUT_MS });
    const result = await executeWith({ client, credentials: 'relay' }, 'res.partner', 'search', [[['email', '=ilike', 'a@b.c']]], { limit: 1 }, z.array(z.number()));
    expect(result).toEqual({ ok: true, value: [3] });
    expect(seen[0]?.headers['x-relay-lease']).toBe('lease-1');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.body).toEqual({
      jsonrpc: '2.0',
      method: 'call',
      params: { service: 'object', method: 'execute_kw', args: [null, null, null, 'res.partner', 'search', [[['email', '=ilike', 'a@b.c']]], { limit: 1 }] },
      id: 1,
    });
  });

  it("maps the relay's own hub errors to dealer_unexpected and its 502 to dealer_outcome_unknown", async () => {
    const port = (relay.address() as AddressInfo).port;
    const client = createOdooClient({ endpoint: `http://127.0.0.1:${port}/jsonrpc`, timeoutMs: TIMEOUT_MS });
    reply = { status: 409, body: '{"error":{"code":"won_in_progress","message":"Another push holds this lead."}}' };
    expect(await client.version()).toEqual({ ok: false, error: { code: 'dealer_unexpected', message: expect.stringContaining('Another push holds this lead.') } });
    reply = { status: 502, body: '{"error":{"code":"dealer_unreachable","message":"The dealer did not answer."}}' };
    const lost = await client.version();
    expect(lost.ok ? 'ok' : lost.error.code).toBe('dealer_outcome_unknown');
    reply = { status: 200, body: '{"jsonrpc":"2.0","id":999,"result":{}}' };
    const mismatched = await client.version();
    expect(mismatched.ok ? 'ok' : mismatched.error.code).toBe('dealer_unexpected');
  });
});

describe('mapTransportError', () => {
  it('calls only provably-unsent failures unreachable', () => {
    const withCode = (code: string): Error => Object.assign(new Error(code), { code });
    expect(mapTransportError(withCode('ENOTFOUND'), false, 200).code).toBe('dealer_unreachable');
    expect(mapTransportError(withCode('EAI_AGAIN'), false, 200).code).toBe('dealer_unreachable');
    expect(mapTransportError(withCode('ECONNREFUSED'), false, 200).code).toBe('dealer_unreachable');
    expect(mapTransportError(withCode('ECONNRESET'), false, 200).code).toBe('dealer_outcome_unknown');
    expect(mapTransportError(withCode('ERR_CANCELED'), true, 200).code).toBe('dealer_timeout');
    expect(mapTransportError(new Error('weird'), false, 200).code).toBe('dealer_unexpected');
  });
});
