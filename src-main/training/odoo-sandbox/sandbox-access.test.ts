import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOdooSandbox, type OdooSandbox } from './odoo-sandbox.server';
import { errorOf, IN_COMPANY_1, resultOf, rpcOf } from './sandbox-rpc.fixture';
import { SANDBOX_MANAGER_USER, SANDBOX_NOCONTACT_USER, SANDBOX_OWN_USER, SANDBOX_READONLY_USER, SANDBOX_USER } from './seed-data';

/**
 * The integration user's groups as Odoo 18.0 applies them, each test written from the file it names:
 * who may create orders and contacts, and what the salesperson record rule lets an own-documents user see.
 */

let sandbox: OdooSandbox;
const { as } = rpcOf(() => sandbox);
const bpo = as(SANDBOX_USER.login);
const own = as(SANDBOX_OWN_USER.login);
const nocontact = as(SANDBOX_NOCONTACT_USER.login);
const manager = as(SANDBOX_MANAGER_USER.login);
const readonly = as(SANDBOX_READONLY_USER.login);

const RAMON = 8; // salesperson: Dana Reyes (uid 5)
const VIOS = 1;
const line = (productId = VIOS) => [[0, 0, { product_id: productId, product_uom_qty: 1 }]];

beforeAll(async () => {
  sandbox = await startOdooSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.inspect.reset());

describe('salesperson record rule (sale/security/ir_rules.xml, sale_order_personal_rule)', () => {
  // sale/models/sale_order.py, _compute_user_id: the order's salesperson is the partner's.
  it("copies the customer's salesperson to a new order, else the user when it is a salesman", async () => {
    const forRamon = resultOf<number>(await bpo('sale.order', 'create', [{ partner_id: RAMON, order_line: line() }], IN_COMPANY_1));
    const partner = resultOf<number>(await own('res.partner', 'create', [{ name: 'Walk-in Customer' }], IN_COMPANY_1));
    const forWalkIn = resultOf<number>(await own('sale.order', 'create', [{ partner_id: partner, order_line: line() }], IN_COMPANY_1));
    const salespeople = Object.fromEntries(sandbox.inspect.saleOrders().map((order) => [order.id, order.userId]));
    expect(salespeople).toEqual({ [forRamon]: 5, [forWalkIn]: 7 });
  });

  it('refuses an own-documents user an order for a customer of another salesperson, unless it names itself', async () => {
    const refused = errorOf(await own('sale.order', 'create', [{ partner_id: RAMON, order_line: line() }], IN_COMPANY_1));
    expect(refused.data.name).toBe('odoo.exceptions.AccessError');
    // The lines are created inside the order's create, so their rule (on salesman_id) refuses first.
    expect(refused.data.message).toContain("Sorry, Own Documents (id=7) doesn't have 'create' access to:\n- Sales Order Line (sale.order.line)");
    expect(sandbox.inspect.saleOrders()).toEqual([]);
    const id = resultOf<number>(await own('sale.order', 'create', [{ partner_id: RAMON, user_id: 7, order_line: line() }], IN_COMPANY_1));
    expect(sandbox.inspect.saleOrders()).toMatchObject([{ id, userId: 7, partnerId: RAMON }]);
  });

  it('hides from search and refuses to read an order the dealer gave to another salesperson', async () => {
    const id = resultOf<number>(await own('sale.order', 'create', [{ partner_id: RAMON, user_id: 7, client_order_ref: 'L-7', order_line: line() }], IN_COMPANY_1));
    const byRef = [[['client_order_ref', '=', 'L-7']]];
    expect(resultOf(await own('sale.order', 'search', byRef, IN_COMPANY_1))).toEqual([id]);
    sandbox.inspect.reassignOrder(id, 5);
    expect(resultOf(await own('sale.order', 'search', byRef, IN_COMPANY_1))).toEqual([]);
    expect(errorOf(await own('sale.order', 'read', [[id]], { fields: ['name'], ...IN_COMPANY_1 })).data.message).toContain("doesn't have 'read' access");
    // All Documents (sale_order_see_all) is not bound.
    expect(resultOf(await nocontact('sale.order', 'search', byRef, IN_COMPANY_1))).toEqual([id]);
  });

  // odoo/models.py, _check_access: record rules are only checked on real records.
  it('answers has_access("create") on an empty recordset from the access rights alone', async () => {
    expect(resultOf(await own('sale.order', 'has_access', [[], 'create'], IN_COMPANY_1))).toBe(true);
    const id = resultOf<number>(await bpo('sale.order', 'create', [{ partner_id: RAMON, order_line: line() }], IN_COMPANY_1));
    expect(resultOf(await own('sale.order', 'has_access', [[id], 'read'], IN_COMPANY_1))).toBe(false);
    expect(resultOf(await bpo('sale.order', 'has_access', [[id], 'read'], IN_COMPANY_1))).toBe(true);
  });
});

describe('Contact Creation (base/security/ir.model.access.csv, sale/security/ir.model.access.csv)', () => {
  it('refuses a Sales user without Contact Creation a new contact, naming the groups that may', async () => {
    expect(resultOf(await nocontact('res.partner', 'has_access', [[], 'create']))).toBe(false);
    const error = errorOf(await nocontact('res.partner', 'create', [{ name: 'New Customer' }]));
    expect(error.data).toMatchObject({ name: 'odoo.exceptions.AccessError' });
    expect(error.data.message).toBe(
      "You are not allowed to create 'Contact' (res.partner) records.\n\n" +
        'This operation is allowed for the following groups:\n\t- Extra Rights/Contact Creation\n\t- Sales/Administrator\n\n' +
        'Contact your administrator to request access if necessary.',
    );
    // Reading contacts stays open to every internal user.
    expect(resultOf<number[]>(await nocontact('res.partner', 'search', [[['id', '=', RAMON]]]))).toEqual([RAMON]);
  });

  it('lets a Sales Administrator create contacts without Contact Creation (access_res_partner_sale_manager)', async () => {
    expect(resultOf(await manager('res.partner', 'has_access', [[], 'create']))).toBe(true);
    expect(resultOf(await manager('res.partner', 'create', [{ name: 'Manager Customer' }]))).toEqual(expect.any(Number));
  });

  it('refuses a read-only user orders but lets it read them', async () => {
    expect(resultOf(await readonly('sale.order', 'has_access', [[], 'read']))).toBe(true);
    expect(errorOf(await readonly('sale.order', 'create', [{ partner_id: 1 }])).data.message).toMatch(/^You are not allowed to create 'Sales Order' \(sale\.order\) records\./);
  });
});

describe('res.users.has_group (base/models/res_users.py)', () => {
  it('answers per user and group, implied groups included', async () => {
    const ask = (call: typeof bpo, uid: number, group: string) => call('res.users', 'has_group', [[uid], group]).then(resultOf);
    expect(await ask(own, 7, 'sales_team.group_sale_salesman')).toBe(true);
    expect(await ask(own, 7, 'sales_team.group_sale_salesman_all_leads')).toBe(false);
    expect(await ask(bpo, 2, 'sales_team.group_sale_salesman_all_leads')).toBe(true);
    expect(await ask(manager, 5, 'sales_team.group_sale_salesman_all_leads')).toBe(true);
    expect(await ask(nocontact, 8, 'base.group_partner_manager')).toBe(false);
    expect(await ask(readonly, 2, 'base.group_partner_manager')).toBe(true);
    expect(await ask(bpo, 2, 'nothing.like_this')).toBe(false);
    expect(errorOf(await bpo('res.users', 'has_group', [[2, 7], 'base.group_user'])).data.name).toBe('builtins.ValueError');
    expect(errorOf(await bpo('res.partner', 'has_group', [[2], 'base.group_user'])).data.name).toBe('builtins.AttributeError');
  });
});

// odoo/models.py: create and write raise ValueError("Invalid field %r on model %r"); read raises it too.
describe('unknown fields', () => {
  it('refuses them in create, write and read, and keeps nothing', async () => {
    const before = sandbox.inspect.partners().length;
    expect(errorOf(await bpo('res.partner', 'create', [{ name: 'Typo', emial: 'x@y.z' }])).data).toMatchObject({
      name: 'builtins.ValueError',
      message: "Invalid field 'emial' on model 'res.partner'",
    });
    expect(sandbox.inspect.partners()).toHaveLength(before);
    expect(errorOf(await bpo('res.partner', 'write', [[RAMON], { phnoe: '1' }])).data.message).toBe("Invalid field 'phnoe' on model 'res.partner'");
    expect(errorOf(await bpo('res.partner', 'read', [[RAMON]], { fields: ['nmae'] })).data.message).toBe("Invalid field 'nmae' on model 'res.partner'");
    const order = errorOf(await bpo('sale.order', 'create', [{ partner_id: RAMON, order_line: [[0, 0, { product_id: VIOS, qty: 1 }]] }]));
    expect(order.data.message).toBe("Invalid field 'qty' on model 'sale.order.line'");
    expect(sandbox.inspect.saleOrders()).toEqual([]);
  });

  it('drops the magic fields silently, as _prepare_create_values does', async () => {
    const id = resultOf<number>(await bpo('res.partner', 'create', [{ name: 'Magic', id: 999, create_date: '2000-01-01 00:00:00' }]));
    expect(id).not.toBe(999);
  });
});
