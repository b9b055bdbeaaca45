import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues } from './format-issues';
import { queryBoolean, queryInt, querySearch } from './query.schema';

describe('queryInt', () => {
  const query = z.strictObject({ limit: queryInt(1, 200).default(50) });
  const messageOf = (value: unknown): string => {
    const result = query.safeParse(value);
    return result.success ? '' : formatIssues(result.error);
  };

  it('turns digits into a number', () => {
    expect(query.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(query.parse({ limit: ' 7 ' })).toEqual({ limit: 7 });
    expect(query.parse({ limit: 30 })).toEqual({ limit: 30 });
  });

  it('defaults when missing', () => {
    expect(query.parse({})).toEqual({ limit: 50 });
  });

  it('refuses text that is not a whole number instead of making NaN or 0', () => {
    expect(messageOf({ limit: 'abc' })).toBe('limit: Must be a whole number');
    expect(messageOf({ limit: '' })).toBe('limit: Must be a whole number');
    expect(messageOf({ limit: '2.5' })).toBe('limit: Must be a whole number');
    expect(messageOf({ limit: '1e3' })).toBe('limit: Must be a whole number');
    expect(messageOf({ limit: 2.5 })).toBe('limit: Must be a whole number');
  });

  it('refuses a repeated parameter', () => {
    expect(messageOf({ limit: ['1', '2'] })).toBe('limit: Must be a whole number');
  });

  it('enforces the range', () => {
    expect(messageOf({ limit: '0' })).toBe('limit: Must be at least 1');
    expect(messageOf({ limit: '201' })).toBe('limit: Must be at most 200');
    expect(messageOf({ limit: '-5' })).toBe('limit: Must be at least 1');
    expect(messageOf({ limit: '999999999999999' })).toBe('limit: Must be at most 200');
  });
});

describe('queryBoolean', () => {
  const schema = queryBoolean();
  it('reads true/false and 1/0', () => {
    expect(schema.parse('true')).toBe(true);
    expect(schema.parse('1')).toBe(true);
    expect(schema.parse('false')).toBe(false);
    expect(schema.parse('0')).toBe(false);
    expect(schema.parse(true)).toBe(true);
  });
  it('refuses anything else rather than guessing', () => {
    for (const value of ['yes', '', 'TRUE', 'False', 2]) {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      if (!result.success) expect(formatIssues(result.error)).toBe('Must be true or false');
    }
  });
});

describe('querySearch', () => {
  const schema = querySearch(10);
  it('trims, and treats empty as no search', () => {
    expect(schema.parse('  maria ')).toBe('maria');
    expect(schema.parse('   ')).toBeUndefined();
    expect(schema.parse(undefined)).toBeUndefined();
  });
  it('bounds the length', () => {
    expect(schema.safeParse('x'.repeat(11)).success).toBe(false);
  });
});
