import { z } from 'zod';
import { FIELD_MAX, idSchema } from './fields.schema';

/** `POST /dealer-relay/:dealershipId/jsonrpc` carries the push id (or a test lease) in this header. */
export const RELAY_LEASE_HEADER = 'x-relay-lease';

/** The relay's path parameter. */
export const relayParamsSchema = z.strictObject({ dealershipId: idSchema });
export type RelayParams = z.infer<typeof relayParamsSchema>;

const CREATE_RIGHT = ['has_access', 'check_access_rights'] as const;

/**
 * What the relay lets through of `object.execute_kw` (hub-api.md), model by model; everything else is
 * refused before it reaches the dealer. The Won flow's look-ups and creates; `fields_get` on partners (does
 * the dealer's Odoo have `mobile`?); and what Test Connection asks: the create rights, the integration user's
 * own companies and their names, its Sales and Contact Creation groups. Each call's arguments are checked
 * too (src-hub/features/relay/relay-arguments.ts): the shapes the app sends, and nothing wider.
 */
export const RELAY_ALLOW_LIST = {
  'res.partner': ['search_read', 'create', 'fields_get', ...CREATE_RIGHT],
  'product.product': ['search_read'],
  'sale.order': ['search_read', 'create', ...CREATE_RIGHT],
  'res.users': ['read', 'has_group'],
  'res.company': ['read'],
} as const satisfies Record<string, readonly string[]>;
export type RelayModel = keyof typeof RELAY_ALLOW_LIST;
export type RelayMethod = (typeof RELAY_ALLOW_LIST)[RelayModel][number];
export const RELAY_MODELS = Object.keys(RELAY_ALLOW_LIST) as RelayModel[];

/** The fields a customer, product or order look-up may read. */
export const RELAY_PARTNER_FIELDS = ['name', 'email', 'phone', 'mobile'] as const;
export const RELAY_PRODUCT_FIELDS = ['name', 'default_code'] as const;
export const RELAY_WON_ORDER_FIELDS = ['name', 'state', 'partner_id', 'client_order_ref'] as const;
/** `res.users.read` may ask these fields of the integration user's own record, and nothing else. */
export const RELAY_USER_FIELDS = ['name', 'company_id', 'company_ids'] as const;
/** `res.company.read` may ask the companies' names only. */
export const RELAY_COMPANY_FIELDS = ['name'] as const;
/** The groups `res.users.has_group` may ask about (Odoo 18.0's external ids). */
export const RELAY_GROUPS = ['sales_team.group_sale_salesman', 'sales_team.group_sale_salesman_all_leads', 'sales_team.group_sale_manager', 'base.group_partner_manager'] as const;

/** The allow-list in words, for refusals and for the relay's OpenAPI description. */
export function describeRelayAllowList(): string {
  const models = Object.entries(RELAY_ALLOW_LIST).map(([model, methods]) => `${model}: ${methods.join(', ')}`);
  return (
    'Only common.version, common.authenticate (sent with null database, login and key: the relay signs in with the ' +
    "dealership's stored credentials and answers the integration user's uid) and object.execute_kw of " +
    `${models.join('; ')} pass, each with the arguments Mark as Won or Test Connection sends and nothing wider: a customer ` +
    'by exact e-mail or phone digits (limit 50), a sellable product by reference or name (limit 20), the lead\'s own order by its ' +
    'reference (limit 1), one contact and one order with one line created, the create rights; res.users calls concern the ' +
    `integration user's own record only (read: ${RELAY_USER_FIELDS.join(', ')}; has_group: ${RELAY_GROUPS.join(', ')}); ` +
    `res.company.read asks ${RELAY_COMPANY_FIELDS.join(', ')} only. Customer and order calls need a Mark as Won lease; ` +
    'rights, user and company calls a Test Connection lease.'
  );
}

const jsonRpcIdSchema = z.union([z.int(), z.string().max(FIELD_MAX.id), z.null()]);

/**
 * The Odoo JSON-RPC request main sends through the relay. Only the envelope is checked here; which
 * service, model and method may pass is the relay's allow-list (RELAY_MODELS, RELAY_METHODS, plus
 * `common.version`). For `object.execute_kw`, args 0–2 (database, uid, key) are sent as null and filled
 * in by the hub.
 */
export const relayRequestSchema = z.strictObject({
  jsonrpc: z.literal('2.0'),
  method: z.literal('call'),
  params: z.strictObject({
    service: z.enum(['common', 'object']),
    method: z.string().min(1).max(FIELD_MAX.label),
    args: z.array(z.unknown()).max(10),
  }),
  id: jsonRpcIdSchema.optional(),
});
export type RelayRequest = z.infer<typeof relayRequestSchema>;

/** The dealer's envelope, answered as is: a result or an Odoo error. Loose: it is the dealer's format. */
export const relayResponseSchema = z.looseObject({
  jsonrpc: z.literal('2.0'),
  id: jsonRpcIdSchema.optional(),
  result: z.unknown().optional(),
  error: z
    .looseObject({
      code: z.number(),
      message: z.string(),
      data: z.unknown().optional(),
    })
    .optional(),
});
export type RelayResponse = z.infer<typeof relayResponseSchema>;
