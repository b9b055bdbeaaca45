import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOdooSandbox, type OdooSandbox } from '../training/odoo-sandbox/odoo-sandbox.server';
import { SANDBOX_NOCONTACT_USER, SANDBOX_OWN_USER, SANDBOX_READONLY_USER, SANDBOX_USER } from '../training/odoo-sandbox/seed-data';
import type { DealerResult } from './dealer-result';
import { startDealerHarness, type DealerHarness } from './dealer-test-harness';
import { createOdooClient } from './odoo-client';
import { createPartner, findPartner } from './partner-lookup';
import { findProduct } from './product-lookup';
import { createOrder, findOrderByRef } from './sale-order';

/**
 * The dealer steps against the sandbox's dealer setups: the chosen company on every call and in every
 * look-up, phone look-up over mobile where it exists, the integration user as salesperson, and what each
 * refusal tells the person to change.
 */

let h: DealerHarness;
let later: OdooSandbox;

beforeAll(async () => {
  h = await startDealerHarness();
  later = await startOdooSandbox({ partnerMobile: false });
});
afterAll(async () => {
  await h.sandbox.close();
  await later.close();
});
beforeEach(() => h.sandbox.inspect.reset());

function value<T>(result: DealerResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('the dealership company', () => {
  it("keeps customer look-ups to the company's and shared customers", async () => {
    const north = await h.as(SANDBOX_USER, 2);
    const south = await h.as(SANDBOX_USER, 1);
    expect(value(await findPartner(south, { email: 'liza.manalo@example.com' }))).toBeNull();
    expect(value(await findPartner(north, { email: 'liza.manalo@example.com' }))?.name).toBe('Liza Manalo');
    expect(value(await findPartner(south, { email: 'ramon.villanueva@example.com' }))?.name).toBe('Ramon Villanueva');
    const calls = h.sandbox.inspect.calls().filter((call) => call.modelMethod === 'search_read');
    expect(calls).toHaveLength(3);
  });

  it('keeps product look-ups to the company and says which Odoo settings to check when nothing fits', async () => {
    const south = await h.as(SANDBOX_USER, 1);
    for (const model of ['Hiace', 'Innova']) {
      const result = await findProduct(south, model);
      expect(result.ok ? 'found' : result.error.message).toMatch(new RegExp(`"${model}".*not archived.*"Can be Sold".*Company is empty`));
    }
    expect(value(await findProduct(await h.as(SANDBOX_USER, 2), 'Hiace')).default_code).toBe('Hiace');
  });

  it('creates the order in the chosen company', async () => {
    const north = await h.as(SANDBOX_USER, 2);
    value(await createOrder(north, { partnerId: 9, productId: 9, clientOrderRef: 'L-N1', salespersonId: 2 }));
    expect(h.sandbox.inspect.saleOrders()).toMatchObject([{ companyId: 2, partnerId: 9, userId: 2 }]);
    expect(value(await findOrderByRef(north, 'L-N1'))).not.toBeNull();
    expect(value(await findOrderByRef(await h.as(SANDBOX_USER, 1), 'L-N1'))).toBeNull();
  });

  it('without a company, a customer of another company fails with what to choose in Configuration', async () => {
    const result = await createOrder(h.ctx, { partnerId: 9, productId: 1, clientOrderRef: 'L-X' });
    expect(result).toMatchObject({ ok: false, error: { code: 'dealer_validation', odooName: 'odoo.exceptions.UserError' } });
    expect(result.ok ? '' : result.error.message).toMatch(/belongs to another Odoo company.*Configuration → Dealerships.*Incompatible companies/s);
  });

  it("names Allowed Companies when the chosen company is not one the user may use", async () => {
    const result = await findPartner(await h.as(SANDBOX_READONLY_USER, 2), { email: 'x@example.com' });
    expect(result).toMatchObject({ ok: false, error: { code: 'dealer_unexpected', message: expect.stringContaining('Multi Companies → Allowed Companies') } });
  });
});

describe('phone look-up over mobile', () => {
  it('finds a customer entered by mobile only, where the field exists (fields_get)', async () => {
    expect(value(await findPartner(h.ctx, { phone: '+63 917 800 3003' }, { defaultCountryCode: '63' }))?.name).toBe('Paolo Santos');
    expect(h.sandbox.inspect.calls().map((call) => call.modelMethod)).toEqual(['fields_get', 'search_read']);
  });

  it('searches the phone alone on an Odoo without mobile (18.2 and later)', async () => {
    const client = createOdooClient({ endpoint: later.endpoint, timeoutMs: 10_000 });
    const ctx = { client, credentials: { db: 'sandbox', uid: 2, key: SANDBOX_USER.apiKey } };
    expect(value(await findPartner(ctx, { phone: '0917 800 1001' }))?.name).toBe('Ramon Villanueva');
    expect(value(await findPartner(ctx, { phone: '0917 800 3003' }))).toBeNull();
  });
});

describe('who may create what', () => {
  it('lets an own-documents user create an order for a customer of another salesperson, naming itself', async () => {
    const own = await h.as(SANDBOX_OWN_USER, 1);
    const refused = await createOrder(own, { partnerId: 8, productId: 1, clientOrderRef: 'L-O1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'dealer_no_create_right', message: expect.stringMatching(/record rule.*bound to its own documents.*Sales: choose "User: All Documents"/) } });
    value(await createOrder(own, { partnerId: 8, productId: 1, clientOrderRef: 'L-O1', salespersonId: 7 }));
    expect(value(await findOrderByRef(own, 'L-O1'))?.partner_id?.name).toBe('Ramon Villanueva');
  });

  it('tells a user without Contact Creation to tick it, not to give a Sales right', async () => {
    const result = await createPartner(await h.as(SANDBOX_NOCONTACT_USER, 1), { name: 'New Customer' });
    expect(result).toMatchObject({ ok: false, error: { code: 'dealer_no_create_right', odooName: 'odoo.exceptions.AccessError' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('Extra Rights: tick "Contact Creation"');
    expect(message).toContain('Settings → Users & Companies → Users');
    expect(message).not.toMatch(/Sales \/ User/);
  });
});
