import { z } from 'zod';
import { leadSchema } from './entities.schema';
import {
  FIELD_MAX,
  contactEmailPatchSchema,
  contactPhonePatchSchema,
  cursorSchema,
  idSchema,
  isoTimeSchema,
  leadRefSchema,
  lostReasonSchema,
  anyText,
  pageOf,
  requiredText,
  versionSchema,
} from './fields.schema';
import { newLeadShape } from './intake.schema';
import { anyOfPresent, documented, type OpenApiHint } from './openapi-hints';
import { queryInt, querySearch } from './query.schema';

export const LEAD_SCOPES = ['open', 'mine', 'all'] as const;
export type LeadScope = (typeof LEAD_SCOPES)[number];

/**
 * The orders of `GET /leads`. Every one is a keyset order: the hub breaks ties by lead id in the same
 * direction, so a cursor never skips or repeats a lead. `ref_*` sorts by (year, number), not by text, and
 * `customer_*` by customer name.
 */
export const LEAD_SORTS = [
  'created_asc',
  'created_desc',
  'updated_asc',
  'updated_desc',
  'ref_asc',
  'ref_desc',
  'customer_asc',
  'customer_desc',
] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

/** `userId=none` asks for unclaimed leads. */
export const UNASSIGNED_FILTER = 'none';

/** The filters shared by `GET /leads` and `GET /leads/export.csv`. */
const leadFilterShape = {
  scope: z.enum(LEAD_SCOPES).default('open'),
  stageId: idSchema.optional(),
  brand: requiredText(FIELD_MAX.brand).optional(),
  dealershipId: idSchema.optional(),
  source: requiredText(FIELD_MAX.source).optional(),
  /** A user id, or `none` for unclaimed leads. */
  userId: z.union([z.literal(UNASSIGNED_FILTER), idSchema]).optional(),
  /** Exclusive upper bound on createdAt. */
  createdBefore: isoTimeSchema.optional(),
  /** Inclusive lower bound on createdAt. */
  createdAfter: isoTimeSchema.optional(),
  /** Matches reference, customer name, phone and e-mail; empty means no search. */
  q: querySearch(FIELD_MAX.search),
  /** `true`: only open leads whose last Mark as Won push failed (the failed-push work list). */
  wonFailed: z.enum(['true']).optional(),
  sort: z.enum(LEAD_SORTS).default('created_asc'),
};

const createdRangeIsOrdered = (query: { createdAfter?: string; createdBefore?: string }): boolean =>
  !query.createdAfter || !query.createdBefore || Date.parse(query.createdAfter) < Date.parse(query.createdBefore);
const createdRangeMessage = { error: 'createdAfter must be earlier than createdBefore', path: ['createdAfter'] };
const createdRangeRule: OpenApiHint = { rule: 'createdAfter must be earlier than createdBefore (400 naming createdAfter).' };

/**
 * `GET /leads` query. Strict: an unknown parameter (a typo such as `stage=`) is a 400 rather than a
 * silently unfiltered list.
 */
export const leadsQuerySchema = z
  .strictObject({
    ...leadFilterShape,
    limit: queryInt(1, 200).default(50),
    cursor: cursorSchema.optional(),
  })
  .refine(createdRangeIsOrdered, createdRangeMessage);
documented(leadsQuerySchema, createdRangeRule);
export type LeadsQuery = z.infer<typeof leadsQuerySchema>;
/** What a client may pass: numbers or strings for limit, defaults omitted. */
export type LeadsQueryInput = z.input<typeof leadsQuerySchema>;

/** `GET /leads/export.csv`: the filters of `GET /leads`, all rows, no paging. */
export const leadsExportQuerySchema = documented(z.strictObject(leadFilterShape).refine(createdRangeIsOrdered, createdRangeMessage), createdRangeRule);
export type LeadsExportQuery = z.infer<typeof leadsExportQuerySchema>;

export const leadPageSchema = pageOf(leadSchema);
export type LeadPage = z.infer<typeof leadPageSchema>;

/** `POST /leads`: manual create through the intake matcher; `source` defaults to `manual`. */
export const createLeadBodySchema = z.strictObject({
  source: requiredText(FIELD_MAX.source).default('manual'),
  ...newLeadShape,
});
export type CreateLeadBody = z.infer<typeof createLeadBodySchema>;

/** `201 {…, outcome: "created"}` or `200 {…, outcome: "merged"}`; a manual create is never a duplicate. */
export const createLeadResponseSchema = z.object({
  leadId: idSchema,
  ref: leadRefSchema,
  outcome: z.enum(['created', 'merged']),
});
export type CreateLeadResponse = z.infer<typeof createLeadResponseSchema>;

/**
 * `PATCH /leads/:id`. A missing field is unchanged; phone or e-mail null (or "") clears it. Whether the
 * lead still has a contact after the merge is the hub's check: only the stored lead knows.
 */
export const patchLeadCustomerSchema = z
  .strictObject({
    name: requiredText(FIELD_MAX.personName).optional(),
    phone: contactPhonePatchSchema,
    email: contactEmailPatchSchema,
  })
  .refine((customer) => Object.values(customer).some((value) => value !== undefined), {
    error: 'Give at least one of name, phone or email',
  })
  .refine((customer) => !(customer.phone === null && customer.email === null), {
    error: 'A lead needs a phone or an email: both cannot be cleared',
  });
const clearing = { type: 'string', nullable: true, pattern: '^\\s*$' };
documented(patchLeadCustomerSchema, {
  add: { minProperties: 1, not: { required: ['phone', 'email'], properties: { phone: clearing, email: clearing } } },
  rule: 'null or "" clears phone or email, not both.',
});

export const patchLeadBodySchema = z
  .strictObject({
    customer: patchLeadCustomerSchema.optional(),
    vehicleModel: requiredText(FIELD_MAX.vehicleModel).optional(),
    /** Null removes the dealership. */
    dealershipId: idSchema.nullable().optional(),
    version: versionSchema.optional(),
  })
  .refine((body) => body.customer !== undefined || body.vehicleModel !== undefined || body.dealershipId !== undefined, {
    error: 'Give at least one of customer, vehicleModel or dealershipId to change',
  });
documented(patchLeadBodySchema, {
  add: anyOfPresent(['customer', 'vehicleModel', 'dealershipId']),
  rule: 'The lead must keep a phone or an email after the change (400 naming customer).',
});
export type PatchLeadBody = z.infer<typeof patchLeadBodySchema>;

/** `POST /leads/:id/assign`: a user id, or null to return the lead to the pool. */
export const assignLeadBodySchema = z.strictObject({
  userId: idSchema.nullable(),
  version: versionSchema.optional(),
});
export type AssignLeadBody = z.infer<typeof assignLeadBodySchema>;

/** `POST /leads/:id/stage`. */
export const moveStageBodySchema = z.strictObject({
  stageId: idSchema,
  version: versionSchema.optional(),
});
export type MoveStageBody = z.infer<typeof moveStageBodySchema>;

/**
 * `POST /leads/:id/lost`. `reason` is optional here on purpose: a missing (or null) reason is a business
 * refusal, `422 lost_reason_required`, not a malformed body; the hub checks it after parsing. A reason that
 * is not one of LOST_REASONS is still a 400.
 */
export const markLostBodySchema = z.strictObject({
  reason: lostReasonSchema.nullish(),
  notes: anyText(FIELD_MAX.lostNotes).optional(),
});
export type MarkLostBody = z.infer<typeof markLostBodySchema>;

/** Every lead mutation (claim, assign, stage, lost, patch, won confirm/fail) answers the updated lead. */
export const leadResponseSchema = leadSchema;
