import { z } from 'zod';
import { MIN_PHONE_DIGITS } from '../domain/customer';
import { documented } from './openapi-hints';
import { FIELD_MAX, contactEmailSchema, contactPhoneSchema, idSchema, leadRefSchema, requiredText } from './fields.schema';

/** The header the distributor feed authenticates with instead of a bearer token. */
export const INTAKE_KEY_HEADER = 'x-intake-key';

/** A phone counts as a contact only if it can be a de-duplication key (domain/customer.ts). */
function isUsablePhone(phone: string | null): boolean {
  return phone !== null && phone.replace(/\D/g, '').length >= MIN_PHONE_DIGITS;
}

export const AT_LEAST_ONE_CONTACT_MESSAGE = `At least one of phone or email is required (a phone needs ${MIN_PHONE_DIGITS} or more digits)`;

/**
 * The customer of a new lead (intake and manual create). Missing, null and "" phone or e-mail all become
 * null. A phone without enough digits is kept as typed, but does not count as the required contact.
 */
export const newCustomerSchema = z
  .strictObject({
    name: requiredText(FIELD_MAX.personName),
    phone: contactPhoneSchema,
    email: contactEmailSchema,
  })
  .refine((customer) => isUsablePhone(customer.phone) || customer.email !== null, {
    error: AT_LEAST_ONE_CONTACT_MESSAGE,
  });
documented(newCustomerSchema, {
  add: {
    anyOf: [
      { required: ['phone'], properties: { phone: { type: 'string', pattern: `(\\d\\D*){${MIN_PHONE_DIGITS}}` } } },
      { required: ['email'], properties: { email: { type: 'string', pattern: '\\S' } } },
    ],
  },
  rule: `A phone or an e-mail: a phone counts with ${MIN_PHONE_DIGITS} or more digits; null or "" means none.`,
});
export type NewCustomer = z.infer<typeof newCustomerSchema>;

/** The lead fields intake and manual create share. */
export const newLeadShape = {
  customer: newCustomerSchema,
  brand: requiredText(FIELD_MAX.brand),
  vehicleModel: requiredText(FIELD_MAX.vehicleModel),
  /** Without it the lead gets the one dealership that carries its brand (none if several or none do). */
  dealershipCode: requiredText(FIELD_MAX.dealershipCode).optional(),
};

/** `POST /intake/leads` (header `X-Intake-Key`). */
export const intakeBodySchema = z.strictObject({
  externalId: requiredText(FIELD_MAX.externalId),
  source: requiredText(FIELD_MAX.source),
  ...newLeadShape,
});
export type IntakeBody = z.infer<typeof intakeBodySchema>;

export const INTAKE_OUTCOMES = ['created', 'merged', 'duplicate'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

/** `201` for created, `200` for merged (into the customer's open lead) or duplicate (externalId seen). */
export const intakeResponseSchema = z.object({
  leadId: idSchema,
  ref: leadRefSchema,
  outcome: z.enum(INTAKE_OUTCOMES),
});
export type IntakeResponse = z.infer<typeof intakeResponseSchema>;
