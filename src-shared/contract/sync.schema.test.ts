import { describe, expect, it } from 'vitest';
import {
  exampleActivity,
  exampleCallLog,
  exampleDealership,
  exampleLead,
  exampleMessage,
  exampleStage,
  exampleUser,
} from './contract-examples.fixture';
import { formatIssues } from './format-issues';
import { changeEventSchema, syncPageSchema, syncQuerySchema } from './sync.schema';

describe('GET /sync', () => {
  it('defaults the limit and the history an older app expects (all), and starts without a cursor', () => {
    expect(syncQuerySchema.parse({})).toEqual({ limit: 500, history: 'all' });
    expect(syncQuerySchema.parse({ cursor: 'c1', limit: '100', history: 'own' })).toEqual({ cursor: 'c1', limit: 100, history: 'own' });
    expect(syncQuerySchema.safeParse({ history: 'some' }).success).toBe(false);
  });

  it('refuses a bad limit or an unknown parameter', () => {
    const bad = syncQuerySchema.safeParse({ limit: 'lots', since: 'x' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(formatIssues(bad.error)).toBe('limit: Must be a whole number; since: Unknown field');
  });

  it('parses a page exactly as hub-api.md shows it', () => {
    const empty = {
      cursor: 'c2',
      hasMore: false,
      reset: false,
      leads: [],
      removedLeadIds: [],
      messages: [],
      callLogs: [],
      activities: [],
      stages: [],
      users: [],
      dealerships: [],
    };
    expect(syncPageSchema.parse(empty)).toEqual(empty);
    const full = {
      ...empty,
      hasMore: true,
      leads: [exampleLead],
      removedLeadIds: ['l-9'],
      messages: [exampleMessage],
      callLogs: [exampleCallLog],
      activities: [exampleActivity],
      stages: [exampleStage],
      users: [exampleUser],
      dealerships: [exampleDealership],
    };
    expect(syncPageSchema.parse(full)).toEqual(full);
    const { removedLeadIds: _removed, ...missing } = empty;
    expect(syncPageSchema.safeParse(missing).success).toBe(false);
  });

  it('parses the change event', () => {
    expect(changeEventSchema.parse(JSON.parse('{"cursor":"c3"}'))).toEqual({ cursor: 'c3' });
    expect(changeEventSchema.safeParse({}).success).toBe(false);
  });
});
