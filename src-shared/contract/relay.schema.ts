import { z } from 'zod';
import { FIELD_MAX, idSchema } from './fields.schema';

/** `POST /dealer-relay/:dealershipId/jsonrpc` carries the push id (or a test lease) in this header. */
export const RELAY_LEASE_HEADER = 'x-relay-lease';

/** The relay's path parameter. */
export const relayParamsSchema = z.strictObject({ dealershipId: idSchema });
export type RelayParams = z.infer<typeof relayParamsSchema>;

const WON_METHODS = ['search', 'search_read', 'read', 'create', 'check_access_rights', 'has_access'] as const;

/**
 * What the relay lets through of `object.execute_kw` (hub-api.md), model by model; everything else is
 * refused before it reaches the dealer. The Won flow's three models; `fields_get` on partners (does the
 * dealer's Odoo have `mobile`?); and what Test Connection reads about the integration user itself: its
 * companies and names, and its Sales and Contact Creation groups.
 */
export const RELAY_ALLOW_LIST = {
  'res.partner': [...WON_METHODS, 'fields_get'],
  'product.product': WON_METHODS,
  'sale.order': WON_METHODS,
  'res.users': ['read', 'has_group'],
  'res.company': ['read'],
} as const satisfies Record<string, readonly string[]>;
export type RelayModel = keyof typeof RELAY_ALLOW_LIST;
export type RelayMethod = (typeof RELAY_ALLOW_LIST)[RelayModel][number];
export const RELAY_MODELS = Object.keys(RELAY_ALLOW_LIST) as RelayModel[];

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
    `Only common.version, common.authenticate and object.execute_kw of ${models.join('; ')} pass. ` +
    `res.users calls concern the integration user's own record only (read: ${RELAY_USER_FIELDS.join(', ')}; has_group: ${RELAY_GROUPS.join(', ')}); ` +
    `res.company.read asks ${RELAY_COMPANY_FIELDS.join(', ')} only.`
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
