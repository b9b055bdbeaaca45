import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOdooSandbox, type OdooSandbox } from './odoo-sandbox.server';
import { errorOf, IN_COMPANY_1, resultOf, rpcOf } from './sandbox-rpc.fixture';
import { SANDBOX_READONLY_USER, SANDBOX_USER } from './seed-data';

/**
 * Companies as Odoo 18.0 handles them, and the shape of `res.partner` (fields_get, mobile), each test
 * written from the file it names. The seed: Liza Manalo and the Hiace belong to company 2 only.
 */

let sandbox: OdooSandbox;
let later: OdooSandbox;
const { as } = rpcOf(() => sandbox);
const bpo = as(SANDBOX_USER.login);
const readonly = as(SANDBOX_READONLY_USER.login);
const laterBpo = rpcOf(() => later).as(SANDBOX_USER.login);

const LIZA = 9;
const PAOLO = 10;
const VIOS = 1;
const HIACE = 9;
const IN_COMPANY_2 = { context: { allowed_company_ids: [2] } } as const;
const order = (partnerId: number, productId = VIOS) => [{ partner_id: partnerId, order_line: [[0, 0, { product_id: productId, product_uom_qty: 1 }]] }];

beforeAll(async () => {
  sandbox = await startOdooSandbox();
  later = await startOdooSandbox({ partnerMobile: false });
});
afterAll(async () => {
  await sandbox.close();
  await later.close();
});
beforeEach(() => sandbox.inspect.reset());

// odoo/api.py, Environment.company / companies.
describe('allowed_company_ids', () => {
  it("without it: orders go to the user's default company and searches see every company it may use", async () => {
    resultOf(await bpo('sale.order', 'create', order(1)));
    expect(sandbox.inspect.saleOrders()).toMatchObject([{ companyId: 1 }]);
    expect(resultOf(await bpo('res.partner', 'search', [[['id', '=', LIZA]]]))).toEqual([LIZA]);
    expect(resultOf(await bpo('product.product', 'search', [[['default_code', '=', 'Hiace']]]))).toEqual([HIACE]);
  });

  it('with it: the first company takes the order, and other companies drop out of every search (record rules)', async () => {
    resultOf(await bpo('sale.order', 'create', order(1), IN_COMPANY_2));
    expect(sandbox.inspect.saleOrders()).toMatchObject([{ companyId: 2 }]);
    // res_partner_rule and product_comp_rule: own company or none.
    expect(resultOf(await bpo('res.partner', 'search', [[['id', '=', LIZA]]], IN_COMPANY_1))).toEqual([]);
    expect(resultOf(await bpo('product.product', 'search', [[['default_code', '=', 'Hiace']]], IN_COMPANY_1))).toEqual([]);
    expect(resultOf(await bpo('product.product', 'search', [[['default_code', '=', 'Vios']]], IN_COMPANY_1))).toEqual([VIOS]);
    // sale_order_comp_rule: an order of company 2 is out of sight in company 1.
    expect(resultOf(await bpo('sale.order', 'search', [[]], IN_COMPANY_1))).toEqual([]);
    // res_company_rule_employee: the companies in the context only.
    expect(resultOf(await bpo('res.company', 'search_read', [[], ['name']], IN_COMPANY_1))).toEqual([{ id: 1, name: 'Sandbox Motors' }]);
  });

  it('refuses a company the user may not use', async () => {
    expect(errorOf(await readonly('res.partner', 'search', [[]], IN_COMPANY_2)).data).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message: 'Access to unauthorized or invalid companies.',
    });
  });

  it("reads the user's own companies", async () => {
    expect(resultOf(await bpo('res.users', 'read', [[2], ['company_id', 'company_ids']]))).toEqual([{ id: 2, company_id: [1, 'Sandbox Motors'], company_ids: [1, 2] }]);
    expect(resultOf(await bpo('res.company', 'read', [[1, 2], ['name']]))).toEqual([
      { id: 1, name: 'Sandbox Motors' },
      { id: 2, name: 'Sandbox Motors North' },
    ]);
  });
});

// odoo/models.py, _check_company (create and write of check_company fields): a UserError, on every retry.
describe('incompatible companies', () => {
  it("refuses an order in company 1 for a customer of company 2, and keeps nothing", async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = errorOf(await bpo('sale.order', 'create', order(LIZA), IN_COMPANY_1));
      expect(error.data.name).toBe('odoo.exceptions.UserError');
      expect(error.data.message).toMatch(
        /^Incompatible companies on records:\n- “S\d{5}” belongs to company “Sandbox Motors” and “Customer” \(partner_id: 'Liza Manalo'\) belongs to another company\.$/,
      );
    }
    expect(sandbox.inspect.saleOrders()).toEqual([]);
  });

  it('refuses a line with a product of company 2 in an order of company 1', async () => {
    const error = errorOf(await bpo('sale.order', 'create', order(1, HIACE), IN_COMPANY_1));
    expect(error.data.message).toContain("“Product” (product_id: '[Hiace] Toyota Hiace Commuter 3.0') belongs to another company.");
    expect(sandbox.inspect.saleOrders()).toEqual([]);
  });

  it('accepts shared customers and products (no company) in either company, and a company-2 order for Liza', async () => {
    resultOf(await bpo('sale.order', 'create', order(PAOLO), IN_COMPANY_2));
    resultOf(await bpo('sale.order', 'create', order(LIZA, HIACE), IN_COMPANY_2));
    expect(sandbox.inspect.saleOrders().map((row) => row.companyId)).toEqual([2, 2]);
  });
});

// base/models/res_partner.py: mobile exists in 18.0; odoo/models.py fields_get checks no access right.
describe('res.partner shape', () => {
  it('describes its fields with fields_get, mobile included, to any user', async () => {
    expect(resultOf(await readonly('res.partner', 'fields_get', [['phone', 'mobile', 'nothing']], { attributes: ['type', 'string'] }))).toEqual({
      phone: { type: 'char', string: 'Phone' },
      mobile: { type: 'char', string: 'Mobile' },
    });
    expect(resultOf<Record<string, { type: string }>>(await readonly('sale.order', 'fields_get', [], { attributes: ['type'] })).company_id).toEqual({ type: 'many2one' });
  });

  it('finds a customer entered by mobile only through mobile', async () => {
    const pattern = [['phone', '=ilike', '%800%3003%']];
    expect(resultOf(await bpo('res.partner', 'search', [pattern]))).toEqual([]);
    expect(resultOf(await bpo('res.partner', 'search', [['|', ...pattern, ['mobile', '=ilike', '%800%3003%']]]))).toEqual([PAOLO]);
  });

  it('has no mobile on a later (18.2+) server: not described, not searchable, not writable', async () => {
    expect(resultOf(await laterBpo('res.partner', 'fields_get', [['phone', 'mobile']], { attributes: ['type'] }))).toEqual({ phone: { type: 'char' } });
    expect(errorOf(await laterBpo('res.partner', 'search', [[['mobile', '=', '1']]])).data).toMatchObject({ name: 'builtins.ValueError', message: expect.stringContaining('Invalid field res.partner.mobile') });
    expect(errorOf(await laterBpo('res.partner', 'create', [{ name: 'X', mobile: '1' }])).data.message).toBe("Invalid field 'mobile' on model 'res.partner'");
    expect(later.inspect.partners().find((partner) => partner.name === 'Paolo Santos')).toMatchObject({ phone: null, mobile: null });
  });
});
