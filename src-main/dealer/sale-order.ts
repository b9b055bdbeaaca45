import { z } from 'zod';
import { executeWith, type DealerContext } from './dealer-context';
import { dealerErr, dealerOk, type DealerResult } from './dealer-result';
import { idSchema, ORDER_FIELDS, orderRowSchema, type OrderRow } from './odoo-schemas';

/**
 * The dealer's `sale.order` for a lead. The lead reference goes into `client_order_ref`, so looking it up
 * before creating makes a retried push find the order instead of making a second one.
 */

export interface NewOrder {
  partnerId: number;
  productId: number;
  /** The lead reference. */
  clientOrderRef: string;
  quantity?: number;
  /**
   * The salesperson (`user_id`). The Won flow names the integration user: Odoo would otherwise copy the
   * customer's salesperson (`_compute_user_id`), which a user bound to its own documents may not create an
   * order for — nor find again on a retry (`sale_order_personal_rule`).
   */
  salespersonId?: number;
}

const ordersSchema = z.array(orderRowSchema);

/** The oldest order carrying this reference that is not cancelled, or null. */
export async function findOrderByRef(ctx: DealerContext, ref: string): Promise<DealerResult<OrderRow | null>> {
  const found = await executeWith(
    ctx,
    'sale.order',
    'search_read',
    [[['client_order_ref', '=', ref], ['state', '!=', 'cancel']]],
    { fields: [...ORDER_FIELDS], limit: 1, order: 'id' },
    ordersSchema,
  );
  if (!found.ok) return found;
  return dealerOk(found.value[0] ?? null);
}

/** One create with its line: Odoo commits both or neither. Returns the order id. */
export function createOrder(ctx: DealerContext, order: NewOrder): Promise<DealerResult<number>> {
  // Odoo 18 names the line's unit and taxes product_uom / tax_id and 19 renames them: send neither.
  const line = { product_id: order.productId, product_uom_qty: order.quantity ?? 1 };
  const vals = {
    partner_id: order.partnerId,
    client_order_ref: order.clientOrderRef,
    ...(order.salespersonId === undefined ? {} : { user_id: order.salespersonId }),
    order_line: [[0, 0, line]],
  };
  return executeWith(ctx, 'sale.order', 'create', [vals], {}, idSchema);
}

/**
 * The order's number (an opaque string such as "S00012") and state, asked by id and the lead's reference
 * together: the relay lets a workstation read its own lead's order and no other.
 */
export async function readOrderName(ctx: DealerContext, orderId: number, ref: string): Promise<DealerResult<OrderRow>> {
  const read = await executeWith(
    ctx,
    'sale.order',
    'search_read',
    [[['id', '=', orderId], ['client_order_ref', '=', ref]]],
    { fields: [...ORDER_FIELDS], limit: 1, order: 'id' },
    ordersSchema,
  );
  if (!read.ok) return read;
  const [order] = read.value;
  if (!order) return dealerErr('dealer_unexpected', `The dealer's Odoo returned nothing for sales order ${orderId} of ${ref}.`);
  return dealerOk(order);
}
