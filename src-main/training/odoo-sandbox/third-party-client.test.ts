import Odoo from 'odoo-await';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooSandbox, type OdooSandbox } from './odoo-sandbox.server';
import { SANDBOX_DATABASE, SANDBOX_USER } from './seed-data';

/**
 * A client nobody here wrote: odoo-await (npm, over XML-RPC on /xmlrpc/2/common and /xmlrpc/2/object)
 * signs in to the sandbox with an API key, finds the customer and the product, and creates an order with
 * one line, as it would on a dealer's Odoo 18.
 */

let sandbox: OdooSandbox;

beforeAll(async () => {
  sandbox = await startOdooSandbox();
});
afterAll(() => sandbox.close());

describe('odoo-await against the sandbox', () => {
  it('signs in with an API key, finds the customer and creates an order with one line', async () => {
    const odoo = new Odoo({ baseUrl: sandbox.url, db: SANDBOX_DATABASE, username: SANDBOX_USER.login, password: SANDBOX_USER.apiKey });
    expect(await odoo.connect()).toBe(2);
    const [customer] = await odoo.searchRead<{ id: number; name: string }>('res.partner', [['email', '=', 'ramon.villanueva@example.com']], ['name']);
    expect(customer?.name).toBe('Ramon Villanueva');
    const [product] = await odoo.searchRead<{ id: number }>('product.product', { default_code: 'Vios' }, ['name']);
    const orderId = await odoo.create('sale.order', {
      partner_id: customer?.id,
      client_order_ref: 'ODOO-AWAIT-1',
      order_line: { action: 'create', value: { product_id: product?.id, product_uom_qty: 1 } },
    });
    const [order] = await odoo.read<{ name: string; partner_id: [number, string]; order_line: number[] }>('sale.order', orderId, ['name', 'partner_id', 'order_line']);
    expect(order).toMatchObject({ name: 'S00001', partner_id: [customer?.id, 'Ramon Villanueva'] });
    expect(order?.order_line).toHaveLength(1);
    expect(sandbox.inspect.saleOrders()).toMatchObject([{ clientOrderRef: 'ODOO-AWAIT-1', lines: [{ productId: product?.id, quantity: 1 }] }]);
  });

  it('is refused with a wrong key, as Odoo answers false to authenticate', async () => {
    const odoo = new Odoo({ baseUrl: sandbox.url, db: SANDBOX_DATABASE, username: SANDBOX_USER.login, password: 'not-the-key' });
    await expect(odoo.connect()).rejects.toMatch(/invalid credentials/);
  });
});
