import { z } from 'zod';
import { ACTIVITY_TYPES, MESSAGE_KINDS, VISIT_KINDS } from '../domain/activity-kinds';
import { CALL_RESULTS } from '../domain/call-results';
import { LEAD_REF_PATTERN } from '../domain/lead-ref';
import { LOST_REASONS } from '../domain/lost-reasons';
import { ROLES } from '../domain/roles';
import { documented } from './openapi-hints';

/**
 * Maximum lengths of every text field, in one place so the hub's columns, the forms and the schemas agree.
 * Generous enough for real data; their job is that oversized input is a clear 400, never a crash.
 */
export const FIELD_MAX = {
  id: 64,
  cursor: 500,
  token: 500,
  login: 100,
  password: 200,
  personName: 200,
  email: 254,
  phone: 50,
  brand: 100,
  vehicleModel: 200,
  source: 100,
  externalId: 200,
  dealershipCode: 50,
  dealershipName: 200,
  odooCompanyName: 200,
  productCode: 100,
  stageName: 100,
  url: 2000,
  database: 200,
  apiKey: 500,
  search: 200,
  callSummary: 5000,
  activitySummary: 1000,
  note: 10_000,
  lostNotes: 5000,
  /** Chatter entries the hub writes itself (system, tracking, errors) may be longer than a note. */
  messageBody: 20_000,
  trackingValue: 500,
  soName: 100,
  leadRef: 32,
  errorCode: 100,
  errorMessage: 2000,
  subject: 500,
  label: 200,
} as const;

/** Longest lists a body may carry. */
export const LIST_MAX = {
  brands: 50,
  models: 1000,
} as const;

/** Ids are opaque strings (hub-api.md): never parsed, only bounded. */
export const idSchema = z.string().min(1, 'Must not be empty').max(FIELD_MAX.id, `At most ${FIELD_MAX.id} characters`);

/**
 * Times cross every boundary as ISO-8601 UTC strings (`…Z`); offsets are refused so every side reads the
 * same instant. Compare them with Date.parse, not as text: fractional seconds are optional.
 */
export const isoTimeSchema = documented(
  z.iso
    .datetime({ error: 'Must be an ISO-8601 UTC time like 2026-01-31T09:00:00Z', abort: true })
    // The database stores years 1900–9999 only (PostgreSQL refuses the year 0000): a 400 here, never a 500 there.
    .regex(/^(19\d\d|[2-9]\d\d\d)-/, 'Must be a time in the years 1900 to 9999'),
  { add: { format: 'date-time' } },
);

/** A client-made UUID that makes a create idempotent per user (hub-api.md). */
export const clientIdSchema = z.uuid({ error: 'Must be a UUID' });

/** The largest PostgreSQL `integer`: a whole number the hub stores or compares in such a column is at most this. */
export const PG_INTEGER_MAX = 2_147_483_647;

/** The optimistic-concurrency version of a lead (an `integer` column: a larger one is a 400, not a 500). */
export const versionSchema = z.int().min(0, 'Must be 0 or more').max(PG_INTEGER_MAX, `Must be at most ${PG_INTEGER_MAX}`);

/** Keyset and sync cursors are opaque to clients. */
export const cursorSchema = z
  .string()
  .min(1, 'Must not be empty')
  .max(FIELD_MAX.cursor, `At most ${FIELD_MAX.cursor} characters`);

/** A hub or dealer address: http or https only (a file: or javascript: URL is never a server). */
export const httpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Must be an http:// or https:// URL' })
  .max(FIELD_MAX.url, `At most ${FIELD_MAX.url} characters`);

export const leadRefSchema = z
  .string()
  .max(FIELD_MAX.leadRef)
  .regex(LEAD_REF_PATTERN, 'Must be a lead reference like LEAD/2026/00042');

export const roleSchema = z.enum(ROLES);
export const lostReasonSchema = z.enum(LOST_REASONS);
export const callResultSchema = z.enum(CALL_RESULTS);
export const activityTypeSchema = z.enum(ACTIVITY_TYPES);
export const visitKindSchema = z.enum(VISIT_KINDS);
export const messageKindSchema = z.enum(MESSAGE_KINDS);

/** Input text: trimmed, then required to be non-empty and at most `max` characters. */
export function requiredText(max: number) {
  // Trimmed before the length check: blank text is empty, which the pattern states.
  return documented(z.string().trim().min(1, 'Must not be empty').max(max, `At most ${max} characters`), { add: { pattern: '\\S' } });
}

/** Input text that may be empty (trimmed, at most `max` characters). */
export function anyText(max: number) {
  return z.string().trim().max(max, `At most ${max} characters`);
}

/** Output text as the hub stores it: only bounded, never rewritten. */
export function storedText(max: number) {
  return z.string().max(max);
}

/** A valid e-mail address (trimmed), for fields where one is required. */
export const emailInputSchema = documented(
  z
    .string()
    .trim()
    .max(FIELD_MAX.email, `At most ${FIELD_MAX.email} characters`)
    .regex(z.regexes.email, 'Must be an e-mail address like name@example.com'),
  { add: { format: 'email' } },
);

const phoneText = anyText(FIELD_MAX.phone);
const emailText = documented(
  anyText(FIELD_MAX.email).refine((value) => value === '' || z.regexes.email.test(value), 'Must be an e-mail address like name@example.com'),
  { add: { anyOf: [{ maxLength: 0 }, { format: 'email', pattern: z.regexes.email.source }] }, rule: '"" means none.' },
);
const blankToNull = (value: string | null | undefined): string | null => (value ? value : null);

/**
 * A customer's phone or e-mail on create and intake: missing, null and "" all mean "none" (feeds and forms
 * send "" for a blank field), so the output is always `string | null`.
 */
export const contactPhoneSchema = phoneText.nullish().transform(blankToNull);
export const contactEmailSchema = emailText.nullish().transform(blankToNull);

/** The same on PATCH, where missing means "unchanged" and null or "" means "clear". */
export const contactPhonePatchSchema = phoneText.nullable().transform(blankToNull).optional();
export const contactEmailPatchSchema = emailText.nullable().transform(blankToNull).optional();

/** The `{error: {code, message}}` pair clients report (won/fail); the code is free text from the client. */
export const reportedErrorSchema = z.strictObject({
  code: requiredText(FIELD_MAX.errorCode),
  message: requiredText(FIELD_MAX.errorMessage),
});

/**
 * Bodies of POSTs that take none (claim, won/prepare, logout, done): nothing, or an empty JSON object.
 * Anything else is refused so a client sending fields to the wrong route finds out.
 */
export const emptyBodySchema = z.strictObject({}).optional();

/** `:id` path parameters. */
export const idParamsSchema = z.strictObject({ id: idSchema });
export type IdParams = z.infer<typeof idParamsSchema>;

/** A keyset page: `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: cursorSchema.nullable() });
}
