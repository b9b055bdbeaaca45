import { describe, expect, it } from 'vitest';
import { formatIssues } from './format-issues';
import { AT_LEAST_ONE_CONTACT_MESSAGE, intakeBodySchema, intakeResponseSchema } from './intake.schema';

const valid = {
  externalId: 'fb-123',
  source: 'facebook',
  customer: { name: 'Maria Santos', phone: '0917 123 4567' },
  brand: 'Toyota',
  vehicleModel: 'Corolla',
};

const messageOf = (value: unknown): string => {
  const result = intakeBodySchema.safeParse(value);
  return result.success ? '' : formatIssues(result.error);
};

describe('intake body', () => {
  it('parses a valid intake, filling the missing contact with null', () => {
    expect(intakeBodySchema.parse(valid)).toEqual({
      ...valid,
      customer: { name: 'Maria Santos', phone: '0917 123 4567', email: null },
    });
    expect(intakeBodySchema.parse({ ...valid, customer: { name: 'A', email: 'a@b.example' }, dealershipCode: 'TOY-MNL' }))
      .toMatchObject({ customer: { phone: null, email: 'a@b.example' }, dealershipCode: 'TOY-MNL' });
  });

  it('requires a phone or an e-mail, naming both', () => {
    expect(AT_LEAST_ONE_CONTACT_MESSAGE).toMatch(/phone/);
    expect(AT_LEAST_ONE_CONTACT_MESSAGE).toMatch(/email/);
    expect(messageOf({ ...valid, customer: { name: 'A' } })).toBe(`customer: ${AT_LEAST_ONE_CONTACT_MESSAGE}`);
    expect(messageOf({ ...valid, customer: { name: 'A', phone: '', email: '' } })).toBe(
      `customer: ${AT_LEAST_ONE_CONTACT_MESSAGE}`,
    );
    // A phone too short to be a de-duplication key does not count.
    expect(messageOf({ ...valid, customer: { name: 'A', phone: '12' } })).toBe(`customer: ${AT_LEAST_ONE_CONTACT_MESSAGE}`);
  });

  it('names bad and unknown fields', () => {
    expect(messageOf({ ...valid, customer: { name: 'A', email: 'nope' } })).toBe(
      'customer.email: Must be an e-mail address like name@example.com',
    );
    expect(messageOf({ ...valid, priority: 'high' })).toBe('priority: Unknown field');
    expect(messageOf({ ...valid, externalId: undefined })).toBe('externalId: Required');
    expect(messageOf({ ...valid, brand: 'x'.repeat(101) })).toBe('brand: At most 100 characters');
  });
});

describe('intake response', () => {
  it('parses each outcome', () => {
    for (const outcome of ['created', 'merged', 'duplicate'] as const) {
      expect(intakeResponseSchema.parse({ leadId: 'l-1', ref: 'LEAD/2026/00001', outcome }).outcome).toBe(outcome);
    }
    expect(intakeResponseSchema.safeParse({ leadId: 'l-1', ref: 'LEAD/2026/00001', outcome: 'ignored' }).success).toBe(false);
  });
});
