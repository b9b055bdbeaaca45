import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../testing/property-runs';
import { RELAY_ALLOW_LIST, RELAY_MODELS } from '../../../src-shared/contract/relay.schema';
import { refusedArguments, type ArgumentFacts } from './relay-arguments';

const won: ArgumentFacts = { uid: 7, lease: 'won', leadRef: 'LEAD/2026/00042' };
const test: ArgumentFacts = { uid: 7, lease: 'test', leadRef: null };
const company = { context: { allowed_company_ids: [3] } };
const args = (model: string, method: string, positional: unknown[], kwargs: Record<string, unknown> = {}) => [null, null, null, model, method, positional, kwargs];
const check = (facts: ArgumentFacts, model: string, method: string, positional: unknown[], kwargs: Record<string, unknown> = {}) =>
  refusedArguments(model, method, args(model, method, positional, kwargs), facts);

const partnerSearch = (domain: unknown[], kwargs: Record<string, unknown> = {}) =>
  check(won, 'res.partner', 'search_read', [domain], { fields: ['name', 'email', 'phone'], limit: 50, order: 'id', ...kwargs });
const orderCreate = (vals: Record<string, unknown>) =>
  check(won, 'sale.order', 'create', [{ partner_id: 5, client_order_ref: 'LEAD/2026/00042', user_id: 7, order_line: [[0, 0, { product_id: 9, product_uom_qty: 1 }]], ...vals }]);

/** Every call the app sends (src-main/dealer), under the lease it sends it with: each passes. */
const appCalls: [ArgumentFacts, string, string, unknown[], Record<string, unknown>][] = [
  [won, 'res.partner', 'search_read', [[['email', '=ilike', 'ana.cruz@example.com']]], { fields: ['name', 'email', 'phone'], limit: 50, order: 'id' }],
  [won, 'res.partner', 'search_read', [[['email', '=ilike', 'a\\_b\\%c@example.com'], ['company_id', 'in', [3, false]]]], { fields: ['name', 'email', 'phone'], limit: 50, order: 'id', ...company }],
  [won, 'res.partner', 'search_read', [[['phone', '=ilike', '%1%2%3%4%5%6%7%']]], { fields: ['name', 'email', 'phone'], limit: 50, order: 'id' }],
  [won, 'res.partner', 'search_read', [['|', ['phone', '=ilike', '%1%2%3%4%5%6%7%'], ['mobile', '=ilike', '%1%2%3%4%5%6%7%'], ['company_id', 'in', [3, false]]]], { fields: ['name', 'email', 'phone', 'mobile'], limit: 50, order: 'id', ...company }],
  [won, 'res.partner', 'create', [{ name: 'Ana Cruz', is_company: false, type: 'contact', email: 'ana@example.com', phone: '0917 123 4567' }], company],
  [won, 'res.partner', 'fields_get', [['mobile']], { attributes: ['type'], ...company }],
  [test, 'res.partner', 'fields_get', [['mobile']], { attributes: ['type'] }],
  [won, 'product.product', 'search_read', [[['default_code', '=', 'HRV-2026'], ['sale_ok', '=', true], ['company_id', 'in', [3, false]]]], { fields: ['name', 'default_code'], limit: 1, order: 'id', ...company }],
  [test, 'product.product', 'search_read', [[['name', 'ilike', 'HR-V'], ['sale_ok', '=', true]]], { fields: ['name', 'default_code'], limit: 20, order: 'id' }],
  [won, 'sale.order', 'search_read', [[['client_order_ref', '=', 'LEAD/2026/00042'], ['state', '!=', 'cancel']]], { fields: ['name', 'state', 'partner_id', 'client_order_ref'], limit: 1, order: 'id', ...company }],
  [won, 'sale.order', 'search_read', [[['id', '=', 31], ['client_order_ref', '=', 'LEAD/2026/00042']]], { fields: ['name', 'state', 'partner_id', 'client_order_ref'], limit: 1, order: 'id' }],
  [won, 'sale.order', 'create', [{ partner_id: 5, client_order_ref: 'LEAD/2026/00042', user_id: 7, order_line: [[0, 0, { product_id: 9, product_uom_qty: 1 }]] }], company],
  [test, 'sale.order', 'has_access', [[], 'create'], {}],
  [test, 'sale.order', 'check_access_rights', ['create'], { raise_exception: false }],
  [test, 'res.partner', 'has_access', [[], 'create'], company],
  [test, 'res.partner', 'check_access_rights', ['create'], { raise_exception: false }],
  [test, 'res.users', 'read', [[7]], { fields: ['company_id', 'company_ids'] }],
  [test, 'res.users', 'has_group', [[7], 'sales_team.group_sale_salesman_all_leads'], company],
  [test, 'res.company', 'read', [[1, 2]], { fields: ['name'] }],
];

describe('relay arguments: the shapes the app sends pass', () => {
  it.each(appCalls)('%#: %s %s.%s', (facts, model, method, positional, kwargs) => {
    expect(check(facts, model, method, positional, kwargs)).toBeNull();
  });

  it('every allowed model × method has a shape some lease may use', () => {
    for (const model of RELAY_MODELS) {
      for (const method of RELAY_ALLOW_LIST[model]) {
        expect(appCalls.some(([, m, name]) => m === model && name === method), `${model}.${method}`).toBe(true);
      }
    }
  });
});

describe('relay arguments: anything wider is refused, naming the argument', () => {
  it('refuses a whole-table customer read and wildcard look-ups', () => {
    expect(partnerSearch([])).toMatch(/^The dealer relay refuses res\.partner\.search_read with these arguments \(args\[5\]\[0\]: .*\); it allows one customer/);
    expect(partnerSearch([['email', '=ilike', '%']])).toMatch(/refuses res\.partner\.search_read/);
    expect(partnerSearch([['email', '=ilike', '%@example.com']])).toMatch(/refuses/);
    expect(partnerSearch([['email', '=ilike', 'a_b@example.com']])).toMatch(/refuses/);
    expect(partnerSearch([['email', 'ilike', 'ana@example.com']])).toMatch(/refuses/);
    expect(partnerSearch([['phone', '=ilike', '%']])).toMatch(/refuses/);
    expect(partnerSearch([['phone', '=ilike', '%1%2%']])).toMatch(/refuses/);
    expect(partnerSearch([['name', 'ilike', 'a']])).toMatch(/refuses/);
    expect(partnerSearch(['|', ['email', '=ilike', 'ana@example.com'], ['id', '>', 0]])).toMatch(/refuses/);
    expect(partnerSearch([['email', '=ilike', 'ana@example.com'], ['company_id', 'in', [3, 4]]])).toMatch(/refuses/);
  });

  it('refuses unbounded or wider reads: limit, fields, order, context', () => {
    expect(partnerSearch([['email', '=ilike', 'ana@example.com']], { limit: 51 })).toMatch(/args\[6\]\["limit"\]/);
    expect(partnerSearch([['email', '=ilike', 'ana@example.com']], { limit: undefined })).toMatch(/args\[6\]\["limit"\]/);
    expect(partnerSearch([['email', '=ilike', 'ana@example.com']], { fields: ['name', 'vat'] })).toMatch(/args\[6\]\["fields"\]\[1\]/);
    expect(partnerSearch([['email', '=ilike', 'ana@example.com']], { order: 'id desc' })).toMatch(/args\[6\]\["order"\]/);
    expect(partnerSearch([['email', '=ilike', 'ana@example.com']], { offset: 50 })).toMatch(/args\[6\]/);
    expect(partnerSearch([['email', '=ilike', 'ana@example.com']], { context: { allowed_company_ids: [1, 2, 3] } })).toMatch(/args\[6\]\["context"\]/);
    expect(partnerSearch([['email', '=ilike', 'ana@example.com']], { context: { active_test: false, allowed_company_ids: [3] } })).toMatch(/args\[6\]\["context"\]/);
  });

  it('refuses a contact created with nested user_ids commands or other values', () => {
    const contact = { name: 'Ana Cruz', is_company: false, type: 'contact' };
    expect(check(won, 'res.partner', 'create', [{ ...contact, user_ids: [[0, 0, { login: 'x', groups_id: [[4, 1]] }]] }])).toMatch(/args\[5\]\[0\]/);
    expect(check(won, 'res.partner', 'create', [{ ...contact, is_company: true }])).toMatch(/args\[5\]\[0\]\["is_company"\]/);
    expect(check(won, 'res.partner', 'create', [[contact, contact]])).toMatch(/refuses res\.partner\.create/);
    expect(check(won, 'res.partner', 'create', [contact, contact])).toMatch(/refuses res\.partner\.create/);
  });

  it("refuses an order with a state, another lead's reference, another salesperson or more lines", () => {
    expect(orderCreate({})).toBeNull();
    expect(orderCreate({ state: 'sale' })).toMatch(/args\[5\]\[0\]/);
    expect(orderCreate({ client_order_ref: 'LEAD/2026/00043' })).toMatch(/args\[5\]\[0\]\["client_order_ref"\]/);
    expect(orderCreate({ user_id: 2 })).toMatch(/args\[5\]\[0\]\["user_id"\]/);
    expect(orderCreate({ order_line: [[0, 0, { product_id: 9, product_uom_qty: 1 }], [0, 0, { product_id: 10, product_uom_qty: 1 }]] })).toMatch(/order_line/);
    expect(orderCreate({ order_line: [[0, 0, { product_id: 9, product_uom_qty: 1, price_unit: 0 }]] })).toMatch(/order_line/);
    expect(orderCreate({ order_line: [[1, 4, { product_uom_qty: 1 }]] })).toMatch(/order_line/);
    expect(orderCreate({ order_line: [[0, 0, { product_id: 9, product_uom_qty: 1e9 }]] })).toMatch(/product_uom_qty/);
  });

  it("reads only the lead's own order", () => {
    const fields = { fields: ['name', 'state'], limit: 1, order: 'id' };
    expect(check(won, 'sale.order', 'search_read', [[['client_order_ref', '=', 'LEAD/2026/00001'], ['state', '!=', 'cancel']]], fields)).toMatch(/client_order_ref|args\[5\]/);
    expect(check(won, 'sale.order', 'search_read', [[['state', '!=', 'cancel']]], fields)).toMatch(/refuses/);
    expect(check(won, 'sale.order', 'search_read', [[['id', '=', 31]]], fields)).toMatch(/refuses/);
    expect(check(won, 'sale.order', 'search_read', [[['client_order_ref', '=', 'LEAD/2026/00042'], ['state', '!=', 'cancel']]], { ...fields, limit: 80 })).toMatch(/limit/);
  });

  it('keeps each call to its lease: customers and orders under Mark as Won, rights and the user under Test Connection', () => {
    expect(check(test, 'sale.order', 'create', [{ partner_id: 5, client_order_ref: 'X', order_line: [[0, 0, { product_id: 9, product_uom_qty: 1 }]] }])).toBe(
      'The dealer relay allows sale.order.create under a Mark as Won lease only.',
    );
    expect(check(test, 'res.partner', 'search_read', [[['email', '=ilike', 'ana@example.com']]], { fields: ['name'], limit: 1, order: 'id' })).toMatch(/Mark as Won lease only/);
    expect(check(won, 'res.users', 'read', [[7]], { fields: ['name'] })).toMatch(/Test Connection lease only/);
    expect(check(won, 'sale.order', 'has_access', [[], 'create'])).toMatch(/Test Connection lease only/);
  });

  it("keeps res.users to the integration user's own record, allowed fields and groups", () => {
    expect(check(test, 'res.users', 'read', [[2]], { fields: ['name'] })).toMatch(/args\[5\]\[0\]\[0\]/);
    expect(check(test, 'res.users', 'read', [[7, 2]], { fields: ['name'] })).toMatch(/refuses/);
    expect(check(test, 'res.users', 'read', [[7]], { fields: ['login', 'name'] })).toMatch(/fields/);
    expect(check(test, 'res.users', 'read', [[7]])).toMatch(/fields/);
    expect(check(test, 'res.users', 'has_group', [[7], 'base.group_system'])).toMatch(/args\[5\]\[1\]/);
    expect(check(test, 'res.users', 'has_group', [[2], 'base.group_partner_manager'])).toMatch(/refuses/);
    expect(check(test, 'res.company', 'read', [[1]], { fields: ['name', 'vat'] })).toMatch(/fields/);
    expect(check(test, 'res.company', 'read', [[1]])).toMatch(/fields/);
  });

  it('names a call outside the allow-list', () => {
    expect(check(won, 'sale.order', 'write', [[1], { state: 'sale' }])).toBe('The dealer relay does not allow execute_kw sale.order.write.');
  });
});

describe('relay arguments: any other input is refused with a reason, never a throw', () => {
  const allowed = RELAY_MODELS.flatMap((model) => RELAY_ALLOW_LIST[model].map((method) => [model, method] as const));
  const deep = fc.integer({ min: 60, max: 2000 }).map((depth) => {
    let value: unknown = 'x';
    for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
    return value;
  });
  const anything = fc.oneof(fc.jsonValue({ maxDepth: 4 }), deep, fc.constant(undefined), fc.constant([[]]));

  it('random positional args and kwargs on every allowed call', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allowed), fc.constantFrom(won, test), anything, anything, ([model, method], facts, positional, kwargs) => {
        const reason = refusedArguments(model, method, [null, null, null, model, method, positional, kwargs], facts);
        expect(typeof reason).toBe('string');
      }),
      propertyRuns(400),
    );
  });

  it("any extra kwarg on a call the app sends is refused (the shapes are closed)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...appCalls), fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), ([facts, model, method, positional, kwargs], key, value) => {
        fc.pre(!Object.hasOwn(kwargs, key) && key !== '__proto__');
        expect(check(facts, model, method, positional, { ...kwargs, [key]: value })).toMatch(/refuses/);
      }),
      propertyRuns(300),
    );
  });
});
