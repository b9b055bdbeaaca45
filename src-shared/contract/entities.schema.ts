import { z } from 'zod';
import type { Stage } from '../domain/stages';
import {
  FIELD_MAX,
  activityTypeSchema,
  callResultSchema,
  idSchema,
  isoTimeSchema,
  leadRefSchema,
  lostReasonSchema,
  messageKindSchema,
  roleSchema,
  storedText,
  versionSchema,
  visitKindSchema,
} from './fields.schema';

// The objects of hub-api.md as the hub answers them. Responses use z.object (unknown keys are stripped, not
// refused) so a newer hub may add optional fields without breaking an older desktop.

export const userSchema = z.object({
  id: idSchema,
  login: storedText(FIELD_MAX.login),
  name: storedText(FIELD_MAX.personName),
  email: storedText(FIELD_MAX.email),
  role: roleSchema,
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const stageSchema = z.object({
  id: idSchema,
  name: storedText(FIELD_MAX.stageName),
  sequence: z.int(),
  isWon: z.boolean(),
  isLost: z.boolean(),
  folded: z.boolean(),
}) satisfies z.ZodType<Stage>;
// No second `Stage` type here: the domain's interface is the one spelling (habit 4); `satisfies` keeps them equal.

/** A company of the dealer's Odoo (`res.company`), as Test Connection read it. */
export const odooCompanySchema = z.object({
  id: z.int().positive(),
  name: storedText(FIELD_MAX.odooCompanyName),
});
export type OdooCompany = z.infer<typeof odooCompanySchema>;

/** The dealer's Odoo connection without its API key, which is write-only and never leaves the hub. */
export const dealershipConnectionSchema = z.object({
  url: storedText(FIELD_MAX.url),
  database: storedText(FIELD_MAX.database),
  login: storedText(FIELD_MAX.login),
  hasApiKey: z.boolean(),
  /**
   * The Odoo company Sales Orders are created in (sent as `allowed_company_ids` on every call); null: the
   * integration user's default company. Replicas written before it existed read as null.
   */
  company: odooCompanySchema.nullable().default(null),
});
export type DealershipConnection = z.infer<typeof dealershipConnectionSchema>;

/** How a vehicle model maps to the dealer's product (`default_code`). */
export const dealershipModelSchema = z.object({
  vehicleModel: storedText(FIELD_MAX.vehicleModel),
  productCode: storedText(FIELD_MAX.productCode),
});
export type DealershipModel = z.infer<typeof dealershipModelSchema>;

export const dealershipSchema = z.object({
  id: idSchema,
  code: storedText(FIELD_MAX.dealershipCode),
  name: storedText(FIELD_MAX.dealershipName),
  brands: z.array(storedText(FIELD_MAX.brand)),
  managerEmail: storedText(FIELD_MAX.email).nullable(),
  models: z.array(dealershipModelSchema),
  connection: dealershipConnectionSchema.nullable(),
});
export type Dealership = z.infer<typeof dealershipSchema>;

export const customerSchema = z.object({
  name: storedText(FIELD_MAX.personName),
  phone: storedText(FIELD_MAX.phone).nullable(),
  email: storedText(FIELD_MAX.email).nullable(),
});
export type Customer = z.infer<typeof customerSchema>;

export const leadSchema = z.object({
  id: idSchema,
  ref: leadRefSchema,
  customer: customerSchema,
  brand: storedText(FIELD_MAX.brand),
  vehicleModel: storedText(FIELD_MAX.vehicleModel),
  /** Null when intake found no single dealership for the brand; the lead can be edited later. */
  dealershipId: idSchema.nullable(),
  source: storedText(FIELD_MAX.source),
  stageId: idSchema,
  /** Null while unclaimed. */
  userId: idSchema.nullable(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  claimedAt: isoTimeSchema.nullable(),
  lostReason: lostReasonSchema.nullable(),
  lostNotes: storedText(FIELD_MAX.lostNotes).nullable(),
  dealerSoName: storedText(FIELD_MAX.soName).nullable(),
  /**
   * The last Mark as Won push that failed and was not followed by a success (null otherwise): the failed-push
   * work list. A hub older than this field sends none: read as null.
   */
  wonFailure: z
    .object({ at: isoTimeSchema, error: z.string().max(FIELD_MAX.note), userId: idSchema.nullable() })
    .nullable()
    .default(null),
  version: versionSchema,
});
export type Lead = z.infer<typeof leadSchema>;

/** One tracked change in the chatter: old → new, either side empty (e.g. claiming: no agent → an agent). */
export const trackingChangeSchema = z.object({
  field: storedText(FIELD_MAX.label),
  from: storedText(FIELD_MAX.trackingValue).nullable(),
  to: storedText(FIELD_MAX.trackingValue).nullable(),
});
export type TrackingChange = z.infer<typeof trackingChangeSchema>;

export const messageSchema = z.object({
  id: idSchema,
  leadId: idSchema,
  kind: messageKindSchema,
  body: storedText(FIELD_MAX.messageBody),
  /** Null for what the hub writes itself (system entries, intake duplicates). */
  authorId: idSchema.nullable(),
  createdAt: isoTimeSchema,
  tracking: z.array(trackingChangeSchema).optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const callDurationSchema = z
  .number()
  .min(0, 'Must be 0 or more')
  .max(1440, 'Must be at most 1440 minutes (one day)');

export const callLogSchema = z.object({
  id: idSchema,
  leadId: idSchema,
  userId: idSchema,
  durationMin: callDurationSchema,
  result: callResultSchema,
  summary: storedText(FIELD_MAX.callSummary),
  createdAt: isoTimeSchema,
});
export type CallLog = z.infer<typeof callLogSchema>;

export const activitySchema = z.object({
  id: idSchema,
  leadId: idSchema,
  userId: idSchema,
  type: activityTypeSchema,
  summary: storedText(FIELD_MAX.activitySummary),
  dueAt: isoTimeSchema,
  done: z.boolean(),
  /** Present on visits only (omitted, not null, on other types). */
  visitKind: visitKindSchema.optional(),
});
export type Activity = z.infer<typeof activitySchema>;

// The plain list answers: GET /stages (by sequence), GET /users, GET /leads/:id/{messages,calls,activities}.
export const stageListSchema = z.array(stageSchema);
export const userListSchema = z.array(userSchema);
export const dealershipListSchema = z.array(dealershipSchema);
export const messageListSchema = z.array(messageSchema);
export const callLogListSchema = z.array(callLogSchema);
export const activityListSchema = z.array(activitySchema);
