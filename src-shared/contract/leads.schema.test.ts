import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { exampleLead } from './contract-examples.fixture';
import { formatIssues } from './format-issues';
import {
  assignLeadBodySchema,
  createLeadBodySchema,
  createLeadResponseSchema,
  leadPageSchema,
  leadsExportQuerySchema,
  leadsQuerySchema,
  markLostBodySchema,
  moveStageBodySchema,
  patchLeadBodySchema,
} from './leads.schema';

const messageOf = (schema: z.ZodType, value: unknown): string => {
  const result = schema.safeParse(value);
  return result.success ? '' : formatIssues(result.error);
};

describe('GET /leads query', () => {
  it('defaults scope, sort and limit', () => {
    expect(leadsQuerySchema.parse({})).toEqual({ scope: 'open', sort: 'created_asc', limit: 50 });
  });

  it('parses every filter from query-string text', () => {
    expect(
      leadsQuerySchema.parse({
        scope: 'all',
        stageId: 's-new',
        brand: 'Toyota',
        dealershipId: 'd-1',
        source: 'website',
        userId: 'none',
        createdAfter: '2026-01-01T00:00:00Z',
        createdBefore: '2026-02-01T00:00:00Z',
        q: ' maria ',
        sort: 'updated_desc',
        limit: '20',
        cursor: 'abc',
      }),
    ).toEqual({
      scope: 'all',
      stageId: 's-new',
      brand: 'Toyota',
      dealershipId: 'd-1',
      source: 'website',
      userId: 'none',
      createdAfter: '2026-01-01T00:00:00Z',
      createdBefore: '2026-02-01T00:00:00Z',
      q: 'maria',
      sort: 'updated_desc',
      limit: 20,
      cursor: 'abc',
    });
  });

  it('refuses bad values, naming the parameter', () => {
    expect(messageOf(leadsQuerySchema, { limit: 'abc' })).toBe('limit: Must be a whole number');
    expect(messageOf(leadsQuerySchema, { limit: '500' })).toBe('limit: Must be at most 200');
    expect(messageOf(leadsQuerySchema, { scope: 'everything' })).toMatch(/^scope: /);
    expect(messageOf(leadsQuerySchema, { sort: 'random' })).toMatch(/^sort: /);
    expect(messageOf(leadsQuerySchema, { q: 'x'.repeat(201) })).toBe('q: At most 200 characters');
    expect(messageOf(leadsQuerySchema, { cursor: 'x'.repeat(501) })).toBe('cursor: At most 500 characters');
    expect(messageOf(leadsQuerySchema, { createdAfter: '2026-01-01' })).toMatch(/^createdAfter: /);
    expect(messageOf(leadsQuerySchema, { stage: 's-new' })).toBe('stage: Unknown field');
  });

  it('refuses an empty created range', () => {
    expect(
      messageOf(leadsQuerySchema, { createdAfter: '2026-02-01T00:00:00.500Z', createdBefore: '2026-02-01T00:00:00Z' }),
    ).toBe('createdAfter: createdAfter must be earlier than createdBefore');
  });

  it('has an export variant without paging', () => {
    expect(leadsExportQuerySchema.parse({ scope: 'all' })).toEqual({ scope: 'all', sort: 'created_asc' });
    expect(messageOf(leadsExportQuerySchema, { limit: '10' })).toBe('limit: Unknown field');
  });

  it('describes the page answer', () => {
    expect(leadPageSchema.parse({ items: [exampleLead], nextCursor: 'next' }).items).toHaveLength(1);
  });
});

describe('POST /leads', () => {
  const body = { customer: { name: 'Maria', email: 'maria@example.com' }, brand: 'Toyota', vehicleModel: 'Corolla' };

  it('defaults the source to manual', () => {
    expect(createLeadBodySchema.parse(body)).toEqual({
      ...body,
      source: 'manual',
      customer: { name: 'Maria', email: 'maria@example.com', phone: null },
    });
  });

  it('refuses externalId (intake only) and a customer without contact', () => {
    expect(messageOf(createLeadBodySchema, { ...body, externalId: 'x' })).toBe('externalId: Unknown field');
    expect(messageOf(createLeadBodySchema, { ...body, customer: { name: 'Maria' } })).toMatch(/^customer: At least one of phone or email/);
  });

  it('answers created or merged, never duplicate', () => {
    expect(createLeadResponseSchema.safeParse({ leadId: 'l', ref: 'LEAD/2026/00001', outcome: 'merged' }).success).toBe(true);
    expect(createLeadResponseSchema.safeParse({ leadId: 'l', ref: 'LEAD/2026/00001', outcome: 'duplicate' }).success).toBe(false);
  });
});

describe('PATCH /leads/:id', () => {
  it('accepts a partial change', () => {
    expect(patchLeadBodySchema.parse({ customer: { phone: '' }, version: 3 })).toEqual({ customer: { phone: null }, version: 3 });
    expect(patchLeadBodySchema.parse({ dealershipId: null })).toEqual({ dealershipId: null });
    expect(patchLeadBodySchema.parse({ vehicleModel: 'Yaris' })).toEqual({ vehicleModel: 'Yaris' });
  });

  it('needs something to change', () => {
    expect(messageOf(patchLeadBodySchema, {})).toBe('Give at least one of customer, vehicleModel or dealershipId to change');
    expect(messageOf(patchLeadBodySchema, { version: 1 })).toBe(
      'Give at least one of customer, vehicleModel or dealershipId to change',
    );
    expect(messageOf(patchLeadBodySchema, { customer: {} })).toBe('customer: Give at least one of name, phone or email');
  });

  it('refuses clearing both contacts and unknown fields', () => {
    expect(messageOf(patchLeadBodySchema, { customer: { phone: null, email: null } })).toBe(
      'customer: A lead needs a phone or an email: both cannot be cleared',
    );
    expect(messageOf(patchLeadBodySchema, { stageId: 's-won' })).toMatch(/stageId: Unknown field/);
    expect(messageOf(patchLeadBodySchema, { vehicleModel: 'x', version: -1 })).toBe('version: Must be 0 or more');
  });
});

describe('lead actions', () => {
  it('assign takes a user or null, never missing', () => {
    expect(assignLeadBodySchema.parse({ userId: null })).toEqual({ userId: null });
    expect(assignLeadBodySchema.parse({ userId: 'u-2', version: 4 })).toEqual({ userId: 'u-2', version: 4 });
    expect(messageOf(assignLeadBodySchema, {})).toBe('userId: Required');
  });

  it('stage takes a stage id', () => {
    expect(moveStageBodySchema.parse({ stageId: 's-2' })).toEqual({ stageId: 's-2' });
    expect(messageOf(moveStageBodySchema, { stageId: '' })).toBe('stageId: Must not be empty');
  });

  it('lost lets a missing reason through for the hub to answer 422, but refuses an unknown one', () => {
    expect(markLostBodySchema.parse({ notes: 'went elsewhere' })).toEqual({ notes: 'went elsewhere' });
    expect(markLostBodySchema.parse({ reason: null })).toEqual({ reason: null });
    expect(markLostBodySchema.parse({ reason: 'price', notes: '' })).toEqual({ reason: 'price', notes: '' });
    expect(messageOf(markLostBodySchema, { reason: 'bored' })).toMatch(/^reason: /);
    expect(messageOf(markLostBodySchema, { reason: 'price', notes: 'x'.repeat(5001) })).toBe('notes: At most 5000 characters');
  });
});
