import { z } from 'zod';

/** Shapes of what Odoo 18 sends back, parsed at the boundary (STYLE.md habit 2). */

/** The JSON-RPC envelope; `result` is absent when the method returned None. */
export const envelopeSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.number(), z.string(), z.null()]).optional(),
  result: z.unknown().optional(),
  error: z
    .object({
      code: z.number(),
      message: z.string(),
      data: z.object({ name: z.string().optional(), message: z.string().optional() }).optional(),
    })
    .optional(),
});

/** `common.version`: online builds put a string first in `server_version_info` ("saas~18"). */
export const versionSchema = z.object({
  server_version: z.string(),
  server_version_info: z.array(z.union([z.string(), z.number()])),
  server_serie: z.string(),
  protocol_version: z.number(),
});
export type OdooVersion = z.infer<typeof versionSchema>;

export const uidSchema = z.union([z.number().int().positive(), z.literal(false)]);
export const idSchema = z.number().int().positive();
export const idsSchema = z.array(idSchema);
export const booleanSchema = z.boolean();

/** Empty char fields read back as `false`. */
const optionalText = z.union([z.string(), z.literal(false)]).transform((value) => (value === false ? null : value));
/** A many2one reads as `[id, "Display Name"]` or `false`. */
const many2one = z.union([z.tuple([idSchema, z.string()]), z.literal(false)]).transform((value) => (value === false ? null : { id: value[0], name: value[1] }));

export const PARTNER_FIELDS = ['name', 'email', 'phone'] as const;
/** `mobile` is only asked for where `fields_get` says it exists (18.0 and 18.1; gone in 18.2). */
export const partnerRowSchema = z.object({ id: idSchema, name: optionalText, email: optionalText, phone: optionalText, mobile: optionalText.optional() });
export type PartnerRow = z.infer<typeof partnerRowSchema>;

/** `fields_get(allfields, {attributes: ['type']})`: the fields that exist, by name. */
export const fieldTypesSchema = z.record(z.string(), z.object({ type: z.string() }));

export const PRODUCT_FIELDS = ['name', 'default_code'] as const;
export const productRowSchema = z.object({ id: idSchema, name: z.string(), default_code: optionalText });
export type ProductRow = z.infer<typeof productRowSchema>;

export const ORDER_FIELDS = ['name', 'state', 'partner_id', 'client_order_ref'] as const;
export const orderRowSchema = z.object({
  id: idSchema,
  name: z.string(),
  state: z.string(),
  partner_id: many2one,
  client_order_ref: optionalText,
});
export type OrderRow = z.infer<typeof orderRowSchema>;
