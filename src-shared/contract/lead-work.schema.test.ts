import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { exampleCallLog } from './contract-examples.fixture';
import { formatIssues } from './format-issues';
import {
  VISIT_KIND_ONLY_FOR_VISITS_MESSAGE,
  VISIT_KIND_REQUIRED_MESSAGE,
  callLogPageSchema,
  callLogsQuerySchema,
  createActivityBodySchema,
  createNoteBodySchema,
  logCallBodySchema,
} from './lead-work.schema';

const messageOf = (schema: z.ZodType, value: unknown): string => {
  const result = schema.safeParse(value);
  return result.success ? '' : formatIssues(result.error);
};
const clientId = '6f1c2a3e-1b2c-4d5e-8f90-123456789abc';

describe('POST /leads/:id/calls', () => {
  const call = { durationMin: 3.5, result: 'answered', summary: 'Wants a quote.' };

  it('parses a call with a next activity and a client id', () => {
    const body = {
      ...call,
      nextActivity: { type: 'visit', summary: 'Showroom', dueAt: '2026-02-02T02:00:00Z', visitKind: 'showroom' },
      clientId,
    };
    expect(logCallBodySchema.parse(body)).toEqual(body);
    expect(logCallBodySchema.parse({ ...call, result: 'no_answer', summary: '' }).summary).toBe('');
  });

  it('bounds duration, result and summary', () => {
    expect(messageOf(logCallBodySchema, { ...call, durationMin: -1 })).toBe('durationMin: Must be 0 or more');
    expect(messageOf(logCallBodySchema, { ...call, durationMin: 1441 })).toBe('durationMin: Must be at most 1440 minutes (one day)');
    expect(messageOf(logCallBodySchema, { ...call, durationMin: '3' })).toMatch(/^durationMin: /);
    expect(messageOf(logCallBodySchema, { ...call, result: 'hung_up' })).toMatch(/^result: /);
    expect(messageOf(logCallBodySchema, { ...call, summary: 'x'.repeat(5001) })).toBe('summary: At most 5000 characters');
    expect(messageOf(logCallBodySchema, { ...call, clientId: 'abc' })).toBe('clientId: Must be a UUID');
  });

  it('checks the next activity like any activity', () => {
    expect(
      messageOf(logCallBodySchema, { ...call, nextActivity: { type: 'visit', summary: 'Go', dueAt: '2026-02-02T02:00:00Z' } }),
    ).toBe(`nextActivity.visitKind: ${VISIT_KIND_REQUIRED_MESSAGE}`);
  });
});

describe('POST /leads/:id/activities', () => {
  const activity = { type: 'call', summary: 'Call back', dueAt: '2026-02-02T02:00:00Z' };

  it('parses activities', () => {
    expect(createActivityBodySchema.parse(activity)).toEqual(activity);
    const visit = { ...activity, type: 'visit', visitKind: 'on_site', clientId };
    expect(createActivityBodySchema.parse(visit)).toEqual(visit);
  });

  it('requires visitKind on a visit and refuses it elsewhere', () => {
    expect(messageOf(createActivityBodySchema, { ...activity, type: 'visit' })).toBe(`visitKind: ${VISIT_KIND_REQUIRED_MESSAGE}`);
    expect(messageOf(createActivityBodySchema, { ...activity, visitKind: 'showroom' })).toBe(
      `visitKind: ${VISIT_KIND_ONLY_FOR_VISITS_MESSAGE}`,
    );
  });

  it('names bad fields', () => {
    expect(messageOf(createActivityBodySchema, { ...activity, dueAt: 'tomorrow' })).toBe(
      'dueAt: Must be an ISO-8601 UTC time like 2026-01-31T09:00:00Z',
    );
    expect(messageOf(createActivityBodySchema, { ...activity, summary: ' ' })).toBe('summary: Must not be empty');
    expect(messageOf(createActivityBodySchema, { ...activity, done: true })).toBe('done: Unknown field');
  });
});

describe('POST /leads/:id/notes', () => {
  it('trims the body and refuses a blank one', () => {
    expect(createNoteBodySchema.parse({ body: ' Called twice. ', clientId })).toEqual({ body: 'Called twice.', clientId });
    expect(messageOf(createNoteBodySchema, { body: '   ' })).toBe('body: Must not be empty');
    expect(messageOf(createNoteBodySchema, { body: 'x'.repeat(10_001) })).toBe('body: At most 10000 characters');
  });
});

describe('GET /call-logs', () => {
  it('parses filters and defaults the limit', () => {
    expect(callLogsQuerySchema.parse({ leadId: 'l-1', result: 'busy', from: '2026-01-01T00:00:00Z', limit: '10' })).toEqual({
      leadId: 'l-1',
      result: 'busy',
      from: '2026-01-01T00:00:00Z',
      limit: 10,
    });
    expect(callLogsQuerySchema.parse({})).toEqual({ limit: 50 });
  });

  it('refuses bad values', () => {
    expect(messageOf(callLogsQuerySchema, { limit: 'ten' })).toBe('limit: Must be a whole number');
    expect(messageOf(callLogsQuerySchema, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toBe(
      'from: from must be earlier than to',
    );
    expect(messageOf(callLogsQuerySchema, { agent: 'u-1' })).toBe('agent: Unknown field');
  });

  it('describes the page answer: each call with its lead reference and customer', () => {
    const item = { ...exampleCallLog, leadRef: 'LEAD/2026/00042', customerName: 'Lorna Villareal' };
    expect(callLogPageSchema.parse({ items: [item], nextCursor: null })).toEqual({ items: [item], nextCursor: null });
    expect(messageOf(callLogPageSchema, { items: [exampleCallLog], nextCursor: null })).toBe('items[0].leadRef: Required; items[0].customerName: Required');
  });
});
