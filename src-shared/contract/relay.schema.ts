import { z } from 'zod';
import { FIELD_MAX, idSchema } from './fields.schema';

/** `POST /dealer-relay/:dealershipId/jsonrpc` carries the push id (or a test lease) in this header. */
export const RELAY_LEASE_HEADER = 'x-relay-lease';

/** The relay's path parameter. */
export const relayParamsSchema = z.strictObject({ dealershipId: idSchema });
export type RelayParams = z.infer<typeof relayParamsSchema>;

/** What the relay lets through (hub-api.md); everything else is refused before it reaches the dealer. */
export const RELAY_MODELS = ['res.partner', 'product.product', 'sale.order'] as const;
export const RELAY_METHODS = ['search', 'search_read', 'read', 'create', 'check_access_rights', 'has_access'] as const;
export type RelayModel = (typeof RELAY_MODELS)[number];
export type RelayMethod = (typeof RELAY_METHODS)[number];

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
