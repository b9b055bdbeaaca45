import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DealerResult } from './dealer-result';
import type { DealerContext } from './dealer-context';
import { startDealerHarness, type DealerHarness } from './dealer-test-harness';
import { createOdooClient } from './odoo-client';
import { createPartner } from './partner-lookup';
import { createOrder, findOrderByRef } from './sale-order';

/** Each fault the sandbox can inject, and the failure code the client turns it into. */

let h: DealerHarness;
/** Every call but the timeout cases: long enough that a loaded machine never trips it. */
const GENEROUS_TIMEOUT_MS = 10_000;
/** The timeout cases' client: short, against a dealer held back far longer. */
const SHORT_TIMEOUT_MS = 150;

beforeAll(async () => {
  h = await startDealerHarness(GENEROUS_TIMEOUT_MS);
});

function withShortTimeout(): DealerContext {
  return { ...h.ctx, client: createOdooClient({ endpoint: h.sandbox.endpoint, timeoutMs: SHORT_TIMEOUT_MS }) };
}
afterAll(() => h.sandbox.close());
beforeEach(async () => {
  h.sandbox.inspect.reset();
  await h.sandbox.faults.clear();
});

function codeOf(result: DealerResult<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

async function newOrder(ref: string): Promise<DealerResult<number>> {
  const partner = await createPartner(h.ctx, { name: 'Ana Cruz', email: 'ana@example.com' });
  if (!partner.ok) throw new Error(partner.error.message);
  return createOrder(h.ctx, { partnerId: partner.value, productId: 1, clientOrderRef: ref });
}

describe('odoo client: injected faults', () => {
  it('maps refused connections to dealer_unreachable, and recovers when accepted again', async () => {
    await h.sandbox.faults.refuseConnections();
    const refused = await h.client.version();
    expect(codeOf(refused)).toBe('dealer_unreachable');
    expect(refused.ok ? '' : refused.error.message).toContain('connection refused');
    await h.sandbox.faults.acceptConnections();
    expect(codeOf(await h.client.version())).toBe('ok');
  });

  it('maps a connection closed before any answer to dealer_outcome_unknown (the request may have arrived)', async () => {
    await h.sandbox.faults.resetConnections();
    expect(codeOf(await h.client.version())).toBe('dealer_outcome_unknown');
  });

  it('maps an answer slower than the timeout to dealer_timeout, without waiting for the dealer', async () => {
    const partner = await createPartner(h.ctx, { name: 'Ana Cruz' });
    if (!partner.ok) throw new Error(partner.error.message);
    const heldMs = 3_000;
    h.sandbox.faults.delayAnswers(heldMs);
    const started = Date.now();
    const result = await createOrder(withShortTimeout(), { partnerId: partner.value, productId: 1, clientOrderRef: 'L-TIMEOUT' });
    expect(codeOf(result)).toBe('dealer_timeout');
    // Not a timing target: the answer is held 20 times the timeout, so only giving up can return this early.
    expect(Date.now() - started).toBeLessThan(heldMs);
    // The slow dealer still did the work: this is why a retry looks before it creates.
    expect(h.sandbox.inspect.saleOrders().map((order) => order.clientOrderRef)).toEqual(['L-TIMEOUT']);
  });

  it('answers within the timeout when the delay is shorter', async () => {
    h.sandbox.faults.delayAnswers(SHORT_TIMEOUT_MS / 3);
    expect(codeOf(await h.client.version())).toBe('ok');
  });

  it('maps HTTP 502 and 504 to dealer_outcome_unknown, whether or not the call ran', async () => {
    h.sandbox.faults.answerHttpError(502);
    expect(codeOf(await h.client.version())).toBe('dealer_outcome_unknown');
    h.sandbox.faults.answerHttpError(null);
    const partner = await createPartner(h.ctx, { name: 'Ben Reyes' });
    if (!partner.ok) throw new Error(partner.error.message);
    h.sandbox.faults.answerHttpError(504, { perform: true });
    const created = await createOrder(h.ctx, { partnerId: partner.value, productId: 2, clientOrderRef: 'L-504' });
    expect(codeOf(created)).toBe('dealer_outcome_unknown');
    expect(h.sandbox.inspect.saleOrders()).toHaveLength(1);
  });

  it('fails the n-th call of a model method with the given Odoo error, and only that one', async () => {
    h.sandbox.faults.failCall({ model: 'res.partner', method: 'create', nth: 2, name: 'odoo.exceptions.ValidationError', message: 'Invalid phone' });
    expect(codeOf(await createPartner(h.ctx, { name: 'First' }))).toBe('ok');
    const second = await createPartner(h.ctx, { name: 'Second' });
    expect(second).toEqual({ ok: false, error: { code: 'dealer_validation', message: expect.stringContaining('Invalid phone'), odooName: 'odoo.exceptions.ValidationError' } });
    expect(codeOf(await createPartner(h.ctx, { name: 'Third' }))).toBe('ok');
    expect(h.sandbox.inspect.partners().map((partner) => partner.name)).not.toContain('Second');
  });

  it('maps injected AccessError on sale.order create to dealer_no_create_right and other names to dealer_unexpected', async () => {
    h.sandbox.faults.failCall({ model: 'sale.order', method: 'create', name: 'odoo.exceptions.AccessError', message: 'You are not allowed to create Sales Order records.' });
    expect(codeOf(await newOrder('L-1'))).toBe('dealer_no_create_right');
    h.sandbox.faults.failCall({ model: 'sale.order', method: 'create', name: 'psycopg2.errors.SerializationFailure', message: 'could not serialize access' });
    expect(codeOf(await newOrder('L-2'))).toBe('dealer_unexpected');
    expect(h.sandbox.inspect.saleOrders()).toEqual([]);
  });

  it('commits but drops the answer: dealer_outcome_unknown, and the order is found by its reference afterwards', async () => {
    h.sandbox.faults.dropAnswer({ model: 'sale.order', method: 'create' });
    expect(codeOf(await newOrder('L-DROP'))).toBe('dealer_outcome_unknown');
    const orders = h.sandbox.inspect.saleOrders();
    expect(orders.map((order) => [order.name, order.clientOrderRef, order.lines.length])).toEqual([['S00001', 'L-DROP', 1]]);
    const found = await findOrderByRef(h.ctx, 'L-DROP');
    expect(found).toEqual({ ok: true, value: expect.objectContaining({ name: 'S00001', state: 'draft' }) });
  });

  it('maps an API key expired since login to dealer_access_denied', async () => {
    h.sandbox.faults.expireApiKey('sandbox-api-key');
    expect(codeOf(await findOrderByRef(h.ctx, 'L-1'))).toBe('dealer_access_denied');
  });
});
