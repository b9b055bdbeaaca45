import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues, formatPath } from './format-issues';

const messageOf = (schema: z.ZodType, value: unknown, root?: string): string => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the parse to fail');
  return formatIssues(result.error, { root });
};

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatPath(['customer', 'phone'])).toBe('customer.phone');
    expect(formatPath(['models', 2, 'productCode'])).toBe('models[2].productCode');
    expect(formatPath([0, 'id'])).toBe('[0].id');
    expect(formatPath([])).toBe('');
  });
});

describe('formatIssues', () => {
  const body = z.strictObject({
    customer: z.strictObject({ name: z.string(), phone: z.string().max(3) }),
    tags: z.array(z.string()),
  });

  it('names the field path of each problem', () => {
    expect(messageOf(body, { customer: { name: 'A', phone: 42 }, tags: [] })).toBe(
      'customer.phone: Invalid input: expected string, received number',
    );
    expect(messageOf(body, { customer: { name: 'A', phone: '1234' }, tags: ['x', 1] })).toBe(
      'customer.phone: Too big: expected string to have <=3 characters; tags[1]: Invalid input: expected string, received number',
    );
  });

  it('says Required for a missing field', () => {
    expect(messageOf(body, { customer: { phone: '1' }, tags: [] })).toBe('customer.name: Required');
  });

  it('names each unknown field', () => {
    expect(messageOf(body, { customer: { name: 'A', phone: '1', age: 3 }, tags: [], extra: true })).toBe(
      'customer.age: Unknown field; extra: Unknown field',
    );
  });

  it('uses the root name, when given, for problems with the whole value', () => {
    expect(messageOf(body, null, 'body')).toBe('body: Invalid input: expected object, received null');
    expect(messageOf(body, null)).toBe('Invalid input: expected object, received null');
  });

  it('keeps custom messages and never echoes the value', () => {
    const schema = z.strictObject({ secret: z.string().refine((value) => value.length > 10, 'Too short') });
    const message = messageOf(schema, { secret: 'hunter2' });
    expect(message).toBe('secret: Too short');
    expect(message).not.toContain('hunter2');
  });

  it('caps a long list of problems', () => {
    const schema = z.array(z.string());
    expect(formatIssues(schema.safeParse([1, 2, 3, 4, 5, 6, 7]).error ?? new z.ZodError([]), { max: 2 })).toBe(
      '[0]: Invalid input: expected string, received number; [1]: Invalid input: expected string, received number; and 5 more',
    );
  });

  it('falls back to a generic message when there are no issues', () => {
    expect(formatIssues(new z.ZodError([]))).toBe('Invalid input');
  });
});
