import { z } from 'zod';
import { dealershipSchema, leadSchema } from './entities.schema';
import { FIELD_MAX, idSchema, leadRefSchema, reportedErrorSchema, requiredText } from './fields.schema';

/**
 * `POST /leads/:id/won/prepare` (no body): the push id opens the dealer relay for this lead's dealership
 * and holds the per-lead lease; `orderRef` is the sale order's `client_order_ref` (the lead reference).
 * The dealership carries no credentials.
 */
export const wonPrepareResponseSchema = z.object({
  pushId: idSchema,
  orderRef: leadRefSchema,
  dealership: dealershipSchema,
  lead: leadSchema,
});
export type WonPrepareResponse = z.infer<typeof wonPrepareResponseSchema>;

/** `POST /leads/:id/won/confirm` → the lead, now won. Repeating it with the same push id is harmless. */
export const wonConfirmBodySchema = z.strictObject({
  pushId: idSchema,
  /** The dealer's order name, e.g. `S00042`. */
  soName: requiredText(FIELD_MAX.soName),
  /** The dealer's `sale.order` record id. */
  soId: z.int().positive('Must be a positive record id'),
});
export type WonConfirmBody = z.infer<typeof wonConfirmBodySchema>;

/** `POST /leads/:id/won/fail` → the lead, unchanged; the error goes to the chatter. */
export const wonFailBodySchema = z.strictObject({
  pushId: idSchema,
  error: reportedErrorSchema,
});
export type WonFailBody = z.infer<typeof wonFailBodySchema>;

/** `POST /dealerships/:id/test-lease` (managers): a lease valid two minutes for Test Connection. */
export const testLeaseResponseSchema = z.object({ leaseId: idSchema });
export type TestLeaseResponse = z.infer<typeof testLeaseResponseSchema>;
