import { z } from 'zod';
import {
  FIELD_MAX,
  LIST_MAX,
  PG_INTEGER_MAX,
  contactEmailPatchSchema,
  contactEmailSchema,
  cursorSchema,
  emailInputSchema,
  httpUrlSchema,
  idSchema,
  isoTimeSchema,
  pageOf,
  requiredText,
  roleSchema,
  storedText,
} from './fields.schema';
import { documented, type OpenApiHint } from './openapi-hints';
import { queryBoolean, queryInt } from './query.schema';

// Configuration (managers). Reads of stages, dealerships and users use the entity schemas.

const atLeastOneField = (what: string) => ({ error: `Give at least one field to change (${what})` });
const AT_LEAST_ONE_FIELD: OpenApiHint = { add: { minProperties: 1 } };

/** isWon and isLost not both true. */
const notWonAndLost: OpenApiHint = {
  add: { not: { required: ['isWon', 'isLost'], properties: { isWon: { enum: [true] }, isLost: { enum: [true] } } } },
};

// ---- Stages -------------------------------------------------------------------------------------------

export const WON_AND_LOST_MESSAGE = 'A stage cannot be both won (isWon) and lost (isLost)';

const stageFieldsShape = {
  name: requiredText(FIELD_MAX.stageName),
  sequence: z.int().min(0, 'Must be 0 or more').max(1_000_000, 'Must be at most 1000000'),
};

/** `POST /stages`. */
export const createStageBodySchema = z
  .strictObject({
    ...stageFieldsShape,
    isWon: z.boolean().default(false),
    isLost: z.boolean().default(false),
    folded: z.boolean().default(false),
  })
  .refine((stage) => !(stage.isWon && stage.isLost), { error: WON_AND_LOST_MESSAGE, path: ['isLost'] });
documented(createStageBodySchema, notWonAndLost);
export type CreateStageBody = z.infer<typeof createStageBodySchema>;

/**
 * `PATCH /stages/:id`. Only a body setting both flags can be refused here; the hub checks the merged stage
 * (and answers `409 stage_in_use` for changing the flags of a stage that holds leads).
 */
export const patchStageBodySchema = z
  .strictObject({
    name: stageFieldsShape.name.optional(),
    sequence: stageFieldsShape.sequence.optional(),
    isWon: z.boolean().optional(),
    isLost: z.boolean().optional(),
    folded: z.boolean().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), atLeastOneField('name, sequence, isWon, isLost, folded'))
  .refine((patch) => !(patch.isWon === true && patch.isLost === true), { error: WON_AND_LOST_MESSAGE, path: ['isLost'] });
documented(patchStageBodySchema, {
  add: { ...AT_LEAST_ONE_FIELD.add, ...notWonAndLost.add },
  rule: 'The stage after the change may not be both won and lost either (400 naming isLost).',
});
export type PatchStageBody = z.infer<typeof patchStageBodySchema>;

// ---- Dealerships --------------------------------------------------------------------------------------

const DEALERSHIP_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const dealershipCodeSchema = requiredText(FIELD_MAX.dealershipCode).regex(
  DEALERSHIP_CODE,
  'Letters, digits, "-", "_" and "." only, starting with a letter or digit',
);

/**
 * The connection as written. `apiKey` is write-only: never in a response; omitted on PATCH keeps the stored
 * key, and `connection: null` removes the connection and its key.
 */
export const dealershipConnectionInputSchema = z.strictObject({
  url: httpUrlSchema,
  database: requiredText(FIELD_MAX.database),
  login: requiredText(FIELD_MAX.login),
  apiKey: z.string().min(1, 'Must not be empty').max(FIELD_MAX.apiKey, `At most ${FIELD_MAX.apiKey} characters`).optional(),
  /** The Odoo company for Sales Orders, chosen from those Test Connection read; omitted on PATCH keeps the stored one. */
  company: z
    .strictObject({
      // Odoo record ids are PostgreSQL integers, and the hub keeps this one in an integer column.
      id: z.int('Must be an Odoo company id').positive('Must be an Odoo company id').max(PG_INTEGER_MAX, 'Must be an Odoo company id'),
      name: requiredText(FIELD_MAX.odooCompanyName),
    })
    .nullable()
    .optional(),
});
export type DealershipConnectionInput = z.infer<typeof dealershipConnectionInputSchema>;

const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): boolean =>
  new Set(items.map((item) => key(item).toLowerCase())).size === items.length;

const brandsSchema = z
  .array(requiredText(FIELD_MAX.brand))
  .max(LIST_MAX.brands, `At most ${LIST_MAX.brands} brands`)
  .refine((brands) => uniqueBy(brands, (brand) => brand), 'Each brand only once');
documented(brandsSchema, { add: { uniqueItems: true }, rule: 'Each brand only once, whatever its case.' });

const modelsSchema = z
  .array(
    z.strictObject({
      vehicleModel: requiredText(FIELD_MAX.vehicleModel),
      productCode: requiredText(FIELD_MAX.productCode),
    }),
  )
  .max(LIST_MAX.models, `At most ${LIST_MAX.models} models`)
  .refine((models) => uniqueBy(models, (model) => model.vehicleModel), 'Each vehicleModel only once');
documented(modelsSchema, { add: { uniqueItems: true }, rule: 'Each vehicleModel only once, whatever its case.' });

/** `POST /dealerships`. */
export const createDealershipBodySchema = z.strictObject({
  code: dealershipCodeSchema,
  name: requiredText(FIELD_MAX.dealershipName),
  brands: brandsSchema.default([]),
  /** Null (or "") when nobody gets the Won e-mail; that is written to the chatter, it does not block. */
  managerEmail: contactEmailSchema,
  models: modelsSchema.default([]),
  connection: dealershipConnectionInputSchema.nullable().default(null),
});
export type CreateDealershipBody = z.infer<typeof createDealershipBodySchema>;

/** `PATCH /dealerships/:id`: lists replace the stored ones. */
export const patchDealershipBodySchema = z
  .strictObject({
    code: dealershipCodeSchema.optional(),
    name: requiredText(FIELD_MAX.dealershipName).optional(),
    brands: brandsSchema.optional(),
    managerEmail: contactEmailPatchSchema,
    models: modelsSchema.optional(),
    connection: dealershipConnectionInputSchema.nullable().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), atLeastOneField('code, name, brands, managerEmail, models, connection'));
documented(patchDealershipBodySchema, AT_LEAST_ONE_FIELD);
export type PatchDealershipBody = z.infer<typeof patchDealershipBodySchema>;

// ---- Users --------------------------------------------------------------------------------------------

const LOGIN = /^[A-Za-z0-9._@-]+$/;
export const PASSWORD_MIN = 8;

const userLoginSchema = requiredText(FIELD_MAX.login).regex(LOGIN, 'Letters, digits, ".", "_", "-" and "@" only');
const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`)
  .max(FIELD_MAX.password, `At most ${FIELD_MAX.password} characters`);

/** `POST /users`. */
export const createUserBodySchema = z.strictObject({
  login: userLoginSchema,
  name: requiredText(FIELD_MAX.personName),
  email: emailInputSchema,
  role: roleSchema,
  password: newPasswordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** `PATCH /users/:id`. A new password or deactivation revokes the user's tokens (hub). */
export const patchUserBodySchema = z
  .strictObject({
    name: requiredText(FIELD_MAX.personName).optional(),
    email: emailInputSchema.optional(),
    role: roleSchema.optional(),
    active: z.boolean().optional(),
    password: newPasswordSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), atLeastOneField('name, email, role, active, password'));
documented(patchUserBodySchema, AT_LEAST_ONE_FIELD);
export type PatchUserBody = z.infer<typeof patchUserBodySchema>;

/** `GET /users?active=true|false` (optional filter; all users without it). */
export const usersQuerySchema = z.strictObject({ active: queryBoolean().optional() });
export type UsersQuery = z.infer<typeof usersQuerySchema>;

// ---- Intake keys --------------------------------------------------------------------------------------

/** `POST /intake-keys`. */
export const createIntakeKeyBodySchema = z.strictObject({ name: requiredText(FIELD_MAX.label) });
export type CreateIntakeKeyBody = z.infer<typeof createIntakeKeyBodySchema>;

/** `GET /intake-keys` items: the key itself is never shown again. */
export const intakeKeySchema = z.object({
  id: idSchema,
  name: storedText(FIELD_MAX.label),
  createdAt: isoTimeSchema,
});
export type IntakeKey = z.infer<typeof intakeKeySchema>;
export const intakeKeyListSchema = z.array(intakeKeySchema);

/** The `201` of `POST /intake-keys`: the only time `key` is shown (the hub stores a hash). */
export const intakeKeyCreatedSchema = intakeKeySchema.extend({ key: storedText(FIELD_MAX.apiKey).min(1) });
export type IntakeKeyCreated = z.infer<typeof intakeKeyCreatedSchema>;

// ---- Mail outbox --------------------------------------------------------------------------------------

export const MAIL_STATUSES = ['queued', 'sent', 'retrying', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const mailOutboxItemSchema = z.object({
  id: idSchema,
  to: storedText(FIELD_MAX.email),
  subject: storedText(FIELD_MAX.subject),
  status: z.enum(MAIL_STATUSES),
  attempts: z.int().min(0),
  lastError: storedText(FIELD_MAX.errorMessage).nullable(),
  createdAt: isoTimeSchema,
  sentAt: isoTimeSchema.nullable(),
});
export type MailOutboxItem = z.infer<typeof mailOutboxItemSchema>;

/** `GET /mail-outbox?status=&limit=&cursor=`: newest first. */
export const mailOutboxQuerySchema = z.strictObject({
  status: z.enum(MAIL_STATUSES).optional(),
  limit: queryInt(1, 200).default(50),
  cursor: cursorSchema.optional(),
});
export type MailOutboxQuery = z.infer<typeof mailOutboxQuerySchema>;

export const mailOutboxPageSchema = pageOf(mailOutboxItemSchema);
export type MailOutboxPage = z.infer<typeof mailOutboxPageSchema>;

// ---- Unclaimed-lead alerts ----------------------------------------------------------------------------

/** Whole minutes from one minute to one day: the longest stale threshold of the floor view. */
export const UNCLAIMED_ALERT_MINUTES = { min: 1, max: 1440 } as const;

/**
 * One brand's alert: supervisors and managers get a desktop notification once an unclaimed lead of the brand
 * has waited longer than `afterMinutes`. A brand without one has no alert (off until a manager sets it).
 */
export const unclaimedAlertSchema = z.object({
  brand: storedText(FIELD_MAX.brand),
  afterMinutes: z.int().min(UNCLAIMED_ALERT_MINUTES.min).max(UNCLAIMED_ALERT_MINUTES.max),
  updatedAt: isoTimeSchema,
});
export type UnclaimedAlert = z.infer<typeof unclaimedAlertSchema>;
/** `GET /unclaimed-alerts`: by brand. */
export const unclaimedAlertListSchema = z.array(unclaimedAlertSchema);

/** `POST /unclaimed-alerts`: sets one brand's threshold (brands match ignoring case); `afterMinutes: null` turns it off. */
export const setUnclaimedAlertBodySchema = z.strictObject({
  brand: requiredText(FIELD_MAX.brand),
  afterMinutes: z
    .int('Must be a whole number of minutes')
    .min(UNCLAIMED_ALERT_MINUTES.min, `At least ${UNCLAIMED_ALERT_MINUTES.min} minute`)
    .max(UNCLAIMED_ALERT_MINUTES.max, `At most ${UNCLAIMED_ALERT_MINUTES.max} minutes (one day)`)
    .nullable(),
});
export type SetUnclaimedAlertBody = z.infer<typeof setUnclaimedAlertBodySchema>;
