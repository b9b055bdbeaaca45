import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { exampleDealership, exampleLead } from './contract-examples.fixture';
import { formatIssues } from './format-issues';
import { testLeaseResponseSchema, wonConfirmBodySchema, wonFailBodySchema, wonPrepareResponseSchema } from './won.schema';

const messageOf = (schema: z.ZodType, value: unknown): string => {
  const result = schema.safeParse(value);
  return result.success ? '' : formatIssues(result.error);
};

describe('won flow', () => {
  it('parses the prepare answer', () => {
    const answer = { pushId: 'p-1', orderRef: exampleLead.ref, dealership: exampleDealership, lead: exampleLead };
    expect(wonPrepareResponseSchema.parse(answer)).toEqual(answer);
  });

  it('parses confirm and refuses a bad order id', () => {
    expect(wonConfirmBodySchema.parse({ pushId: 'p-1', soName: 'S00042', soId: 42 })).toEqual({
      pushId: 'p-1',
      soName: 'S00042',
      soId: 42,
    });
    expect(messageOf(wonConfirmBodySchema, { pushId: 'p-1', soName: 'S00042', soId: 0 })).toBe(
      'soId: Must be a positive record id',
    );
    expect(messageOf(wonConfirmBodySchema, { pushId: 'p-1', soId: 42 })).toBe('soName: Required');
  });

  it('parses fail and names a missing error message', () => {
    const body = { pushId: 'p-1', error: { code: 'dealer_unreachable', message: 'The dealer did not answer.' } };
    expect(wonFailBodySchema.parse(body)).toEqual(body);
    expect(messageOf(wonFailBodySchema, { pushId: 'p-1', error: { code: 'x' } })).toBe('error.message: Required');
    expect(messageOf(wonFailBodySchema, { ...body, error: { ...body.error, stack: 'at …' } })).toBe(
      'error.stack: Unknown field',
    );
  });

  it('parses the test lease', () => {
    expect(testLeaseResponseSchema.parse({ leaseId: 'lease-1' })).toEqual({ leaseId: 'lease-1' });
  });
});
