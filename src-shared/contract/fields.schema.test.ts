import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  FIELD_MAX,
  clientIdSchema,
  contactEmailPatchSchema,
  contactEmailSchema,
  contactPhoneSchema,
  emptyBodySchema,
  idSchema,
  isoTimeSchema,
  leadRefSchema,
  pageOf,
  requiredText,
} from './fields.schema';

describe('field schemas', () => {
  it('bounds ids', () => {
    expect(idSchema.safeParse('l-1').success).toBe(true);
    expect(idSchema.safeParse('').success).toBe(false);
    expect(idSchema.safeParse('x'.repeat(FIELD_MAX.id + 1)).success).toBe(false);
  });

  it('accepts UTC ISO times only', () => {
    expect(isoTimeSchema.safeParse('2026-01-31T09:00:00Z').success).toBe(true);
    expect(isoTimeSchema.safeParse('2026-01-31T09:00:00.123Z').success).toBe(true);
    expect(isoTimeSchema.safeParse('2026-01-31T09:00:00+08:00').success).toBe(false);
    expect(isoTimeSchema.safeParse('2026-01-31').success).toBe(false);
    expect(isoTimeSchema.safeParse('yesterday').error?.issues[0]?.message).toBe(
      'Must be an ISO-8601 UTC time like 2026-01-31T09:00:00Z',
    );
  });

  it('accepts UUID client ids', () => {
    expect(clientIdSchema.safeParse('6f1c2a3e-1b2c-4d5e-8f90-123456789abc').success).toBe(true);
    expect(clientIdSchema.safeParse('not-a-uuid').success).toBe(false);
  });

  it('checks lead references', () => {
    expect(leadRefSchema.safeParse('LEAD/2026/00042').success).toBe(true);
    expect(leadRefSchema.safeParse('LEAD/2026/100042').success).toBe(true);
    expect(leadRefSchema.safeParse('LEAD/2026/42').success).toBe(false);
  });

  it('trims required text and refuses blank', () => {
    expect(requiredText(5).parse('  ab ')).toBe('ab');
    expect(requiredText(5).safeParse('   ').success).toBe(false);
    expect(requiredText(5).safeParse('abcdef').error?.issues[0]?.message).toBe('At most 5 characters');
  });

  it('reads a blank contact as none', () => {
    expect(contactPhoneSchema.parse('')).toBeNull();
    expect(contactPhoneSchema.parse(undefined)).toBeNull();
    expect(contactPhoneSchema.parse(' 0917 123 4567 ')).toBe('0917 123 4567');
    expect(contactEmailSchema.parse(' a@b.example ')).toBe('a@b.example');
    expect(contactEmailSchema.parse('')).toBeNull();
    expect(contactEmailSchema.safeParse('not an email').success).toBe(false);
  });

  it('keeps missing apart from cleared on patch', () => {
    expect(contactEmailPatchSchema.parse(undefined)).toBeUndefined();
    expect(contactEmailPatchSchema.parse(null)).toBeNull();
    expect(contactEmailPatchSchema.parse('')).toBeNull();
  });

  it('takes an empty body or none', () => {
    expect(emptyBodySchema.safeParse(undefined).success).toBe(true);
    expect(emptyBodySchema.safeParse({}).success).toBe(true);
    expect(emptyBodySchema.safeParse({ force: true }).success).toBe(false);
  });

  it('builds pages', () => {
    const page = pageOf(z.int());
    expect(page.parse({ items: [1, 2], nextCursor: null })).toEqual({ items: [1, 2], nextCursor: null });
    expect(page.safeParse({ items: [1] }).success).toBe(false);
  });
});
