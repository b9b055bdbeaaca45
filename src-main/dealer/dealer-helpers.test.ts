import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canCreateSaleOrders } from './access-check';
import type { DealerResult } from './dealer-result';
import { startDealerHarness, type DealerHarness } from './dealer-test-harness';
import { createPartner, escapeLike, findPartner, phoneTailPattern, samePhone } from './partner-lookup';
import { findProduct } from './product-lookup';
import { createOrder, findOrderByRef, readOrderName } from './sale-order';

/** The Won flow's dealer steps against the sandbox dealer. */

let h: DealerHarness;

beforeAll(async () => {
  h = await startDealerHarness(undefined, {
    products: [
      { defaultCode: 'Vios', name: 'Toyota Vios 1.3 XLE CVT' },
      { defaultCode: 'TOY-FOR-24', name: 'Toyota Fortuner 2.4 G' },
      { defaultCode: null, name: 'Honda City 1.5 V' },
      { defaultCode: null, name: 'Honda City Hatchback RS' },
      { defaultCode: null, name: 'honda city' },
      { defaultCode: 'Civic', name: 'Honda Civic (not for sale)', saleOk: false },
      { defaultCode: 'Hilux', name: 'Toyota Hilux (archived)', active: false },
    ],
  });
});
afterAll(() => h.sandbox.close());
beforeEach(async () => {
  h.sandbox.inspect.reset();
  await h.sandbox.faults.clear();
});

function value<T>(result: DealerResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('partners', () => {
  it('creates a contact and finds it by e-mail, case-insensitively', async () => {
    const id = value(await createPartner(h.ctx, { name: 'Ana Cruz', email: 'Ana.Cruz@Example.com', phone: '' }));
    expect(h.sandbox.inspect.partners().find((partner) => partner.id === id)).toMatchObject({ name: 'Ana Cruz', email: 'Ana.Cruz@Example.com', phone: null, isCompany: false, type: 'contact' });
    expect(value(await findPartner(h.ctx, { email: '  ana.cruz@example.COM ' }))?.id).toBe(id);
  });

  it('does not let e-mail wildcards match another address', async () => {
    value(await createPartner(h.ctx, { name: 'Wrong', email: 'anaXcruz@example.com' }));
    expect(value(await findPartner(h.ctx, { email: 'ana_cruz@example.com' }))).toBeNull();
  });

  it('falls back to the phone, compared by digits whatever the formatting', async () => {
    const id = value(await createPartner(h.ctx, { name: 'Ben Reyes', phone: '0917 123 4567' }));
    value(await createPartner(h.ctx, { name: 'Other', phone: '0918 123 4567' }));
    expect(value(await findPartner(h.ctx, { email: 'ben@nowhere.ph', phone: '(0917) 123-4567' }))?.id).toBe(id);
    expect(value(await findPartner(h.ctx, { phone: '+63 917 123 4567' }))).toBeNull();
    expect(value(await findPartner(h.ctx, { phone: '+63 917 123 4567' }, { defaultCountryCode: '63' }))?.id).toBe(id);
    expect(value(await findPartner(h.ctx, { phone: '0919 123 4567' }))).toBeNull();
    expect(value(await findPartner(h.ctx, {}))).toBeNull();
  });

  it('builds phone patterns and compares phones', () => {
    expect(phoneTailPattern('+63 917 123 4567')).toBe('%1%2%3%4%5%6%7%');
    expect(phoneTailPattern('12-34')).toBeNull();
    expect(samePhone('0917-123-4567', '09171234567')).toBe(true);
    expect(samePhone('09171234567', '+639171234567', '63')).toBe(true);
    expect(samePhone(null, null)).toBe(false);
  });

  it('maps a partner without a name to dealer_validation', async () => {
    const result = await createPartner(h.ctx, { name: null as unknown as string });
    expect(result.ok ? 'ok' : result.error.code).toBe('dealer_validation');
  });
});

describe('products', () => {
  it('tries the product code, then the model as default_code, then the name', async () => {
    expect(value(await findProduct(h.ctx, 'Fortuner', 'TOY-FOR-24')).default_code).toBe('TOY-FOR-24');
    expect(value(await findProduct(h.ctx, 'Vios', 'NOT-THERE')).name).toBe('Toyota Vios 1.3 XLE CVT');
    expect(value(await findProduct(h.ctx, 'Vios')).default_code).toBe('Vios');
    expect(value(await findProduct(h.ctx, 'Fortuner')).default_code).toBe('TOY-FOR-24');
  });

  it('prefers an exact name over a longer one, then the oldest', async () => {
    expect(value(await findProduct(h.ctx, 'Honda City')).name).toBe('honda city');
    expect(value(await findProduct(h.ctx, 'City Hatchback')).name).toBe('Honda City Hatchback RS');
  });

  it('skips products not for sale or archived, and names the model when nothing fits', async () => {
    for (const model of ['Civic', 'Hilux', 'Jazz']) {
      const result = await findProduct(h.ctx, model);
      expect(result).toEqual({ ok: false, error: { code: 'dealer_model_not_found', message: expect.stringContaining(`"${model}"`) } });
    }
  });
});

describe('sales orders', () => {
  it('creates numbered orders with one line, reads the number and finds them by reference', async () => {
    const partnerId = value(await createPartner(h.ctx, { name: 'Ana Cruz' }));
    const productId = value(await findProduct(h.ctx, 'Vios')).id;
    expect(value(await findOrderByRef(h.ctx, 'BPO-0001'))).toBeNull();
    const first = value(await createOrder(h.ctx, { partnerId, productId, clientOrderRef: 'BPO-0001' }));
    const second = value(await createOrder(h.ctx, { partnerId, productId, clientOrderRef: 'BPO-0002', quantity: 2 }));
    expect(value(await readOrderName(h.ctx, first, 'BPO-0001'))).toEqual({ id: first, name: 'S00001', state: 'draft', partner_id: { id: partnerId, name: 'Ana Cruz' }, client_order_ref: 'BPO-0001' });
    expect(value(await readOrderName(h.ctx, second, 'BPO-0002')).name).toBe('S00002');
    expect(value(await findOrderByRef(h.ctx, 'BPO-0002'))?.id).toBe(second);
    expect(h.sandbox.inspect.saleOrders().map((order) => order.lines.map((line) => [line.productId, line.quantity]))).toEqual([[[productId, 1]], [[productId, 2]]]);
  });

  it('ignores cancelled orders when looking up by reference', async () => {
    const partnerId = value(await createPartner(h.ctx, { name: 'Ana Cruz' }));
    const cancelled = value(await createOrder(h.ctx, { partnerId, productId: 1, clientOrderRef: 'BPO-0003' }));
    value(await h.client.executeKw('sandbox', 2, 'sandbox-api-key', 'sale.order', 'write', [[cancelled], { state: 'cancel' }]));
    expect(value(await findOrderByRef(h.ctx, 'BPO-0003'))).toBeNull();
    const live = value(await createOrder(h.ctx, { partnerId, productId: 1, clientOrderRef: 'BPO-0003' }));
    expect(value(await findOrderByRef(h.ctx, 'BPO-0003'))?.id).toBe(live);
  });

  it('reports an order deleted after its create as dealer_unexpected naming the order and its reference', async () => {
    const partnerId = value(await createPartner(h.ctx, { name: 'Ana Cruz' }));
    const id = value(await createOrder(h.ctx, { partnerId, productId: 1, clientOrderRef: 'BPO-0004' }));
    h.sandbox.inspect.deleteRecord('sale.order', id);
    const result = await readOrderName(h.ctx, id, 'BPO-0004');
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'dealer_unexpected', message: expect.stringContaining(`sales order ${id} of BPO-0004`) });
  });

  it("reads an order only together with its lead's reference", async () => {
    const partnerId = value(await createPartner(h.ctx, { name: 'Ana Cruz' }));
    const id = value(await createOrder(h.ctx, { partnerId, productId: 1, clientOrderRef: 'BPO-0006' }));
    const result = await readOrderName(h.ctx, id, 'BPO-0007');
    expect(result.ok ? undefined : result.error.code).toBe('dealer_unexpected');
  });

  it('looks an e-mail up literally: %, _ and \\ escaped, so =ilike is an equality', async () => {
    expect(escapeLike('a_b%c\\d@example.com')).toBe('a\\_b\\%c\\\\d@example.com');
    const exact = value(await createPartner(h.ctx, { name: 'Wild Card', email: 'a_b%c@example.com' }));
    expect(value(await findPartner(h.ctx, { email: 'A_B%C@example.com' }))?.id).toBe(exact);
  });

  it('maps a create without the right to dealer_no_create_right', async () => {
    const result = await createOrder(h.readonlyCtx, { partnerId: 1, productId: 1, clientOrderRef: 'BPO-0005' });
    expect(result.ok ? 'ok' : result.error.code).toBe('dealer_no_create_right');
  });
});

describe('canCreateSaleOrders', () => {
  it('asks has_access and answers per user', async () => {
    expect(await canCreateSaleOrders(h.ctx)).toEqual({ ok: true, value: true });
    expect(await canCreateSaleOrders(h.readonlyCtx)).toEqual({ ok: true, value: false });
    const methods = h.sandbox.inspect.calls().map((call) => call.modelMethod);
    expect(methods).toEqual(['has_access', 'has_access']);
  });

  it('falls back to check_access_rights when has_access is not available', async () => {
    h.sandbox.faults.failCall({ model: 'sale.order', method: 'has_access', name: 'builtins.AttributeError', message: "The method 'sale.order.has_access' does not exist" });
    expect(await canCreateSaleOrders(h.readonlyCtx)).toEqual({ ok: true, value: false });
    expect(h.sandbox.inspect.calls().map((call) => call.modelMethod)).toEqual(['has_access', 'check_access_rights']);
  });

  it('does not fall back when the key itself is refused', async () => {
    h.sandbox.faults.expireApiKey('sandbox-api-key');
    const result = await canCreateSaleOrders(h.ctx);
    expect(result.ok ? 'ok' : result.error.code).toBe('dealer_access_denied');
    expect(h.sandbox.inspect.calls()).toHaveLength(1);
  });
});
