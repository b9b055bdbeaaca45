import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  WON_AND_LOST_MESSAGE,
  createDealershipBodySchema,
  createIntakeKeyBodySchema,
  createStageBodySchema,
  createUserBodySchema,
  intakeKeyCreatedSchema,
  intakeKeySchema,
  mailOutboxItemSchema,
  mailOutboxQuerySchema,
  patchDealershipBodySchema,
  patchStageBodySchema,
  patchUserBodySchema,
  usersQuerySchema,
} from './config.schema';
import { formatIssues } from './format-issues';

const messageOf = (schema: z.ZodType, value: unknown): string => {
  const result = schema.safeParse(value);
  return result.success ? '' : formatIssues(result.error);
};

describe('stages', () => {
  it('creates with default flags', () => {
    expect(createStageBodySchema.parse({ name: 'Proposal', sequence: 25 })).toEqual({
      name: 'Proposal',
      sequence: 25,
      isWon: false,
      isLost: false,
      folded: false,
    });
  });

  it('refuses a stage both won and lost, naming the flags', () => {
    expect(WON_AND_LOST_MESSAGE).toMatch(/isWon/);
    expect(messageOf(createStageBodySchema, { name: 'X', sequence: 1, isWon: true, isLost: true })).toBe(
      `isLost: ${WON_AND_LOST_MESSAGE}`,
    );
    expect(messageOf(patchStageBodySchema, { isWon: true, isLost: true })).toBe(`isLost: ${WON_AND_LOST_MESSAGE}`);
  });

  it('patches at least one field', () => {
    expect(patchStageBodySchema.parse({ folded: true })).toEqual({ folded: true });
    expect(messageOf(patchStageBodySchema, {})).toMatch(/^Give at least one field to change/);
    expect(messageOf(patchStageBodySchema, { sequence: 1.5 })).toMatch(/^sequence: /);
  });
});

describe('dealerships', () => {
  const dealership = {
    code: 'TOY-MNL',
    name: 'Toyota Manila',
    brands: ['Toyota'],
    managerEmail: 'manager@dealer.example',
    models: [{ vehicleModel: 'Corolla', productCode: 'COROLLA-2026' }],
    connection: { url: 'http://127.0.0.1:8069', database: 'dealer', login: 'bpo', apiKey: 'k' },
  };

  it('creates with defaults for the optional parts', () => {
    expect(createDealershipBodySchema.parse(dealership)).toEqual(dealership);
    expect(createDealershipBodySchema.parse({ code: 'X1', name: 'X' })).toEqual({
      code: 'X1',
      name: 'X',
      brands: [],
      managerEmail: null,
      models: [],
      connection: null,
    });
  });

  it('accepts http(s) dealer URLs only', () => {
    const withUrl = (url: string) => ({ ...dealership, connection: { ...dealership.connection, url } });
    expect(createDealershipBodySchema.safeParse(withUrl('https://dealer.example/odoo')).success).toBe(true);
    expect(createDealershipBodySchema.safeParse(withUrl('http://localhost:8069')).success).toBe(true);
    expect(messageOf(createDealershipBodySchema, withUrl('javascript:alert(1)'))).toBe(
      'connection.url: Must be an http:// or https:// URL',
    );
    expect(messageOf(createDealershipBodySchema, withUrl('file:///etc/passwd'))).toBe(
      'connection.url: Must be an http:// or https:// URL',
    );
  });

  it('names bad list entries and duplicates', () => {
    expect(messageOf(createDealershipBodySchema, { ...dealership, models: [{ vehicleModel: 'Corolla' }] })).toBe(
      'models[0].productCode: Required',
    );
    expect(messageOf(createDealershipBodySchema, { ...dealership, brands: ['Toyota', 'toyota'] })).toBe(
      'brands: Each brand only once',
    );
    expect(messageOf(createDealershipBodySchema, { ...dealership, code: 'has space' })).toMatch(/^code: /);
    expect(messageOf(createDealershipBodySchema, { ...dealership, connection: { ...dealership.connection, hasApiKey: true } })).toBe(
      'connection.hasApiKey: Unknown field',
    );
  });

  it('patches: a connection without apiKey keeps the stored key; null removes it', () => {
    const { apiKey: _apiKey, ...connection } = dealership.connection;
    expect(patchDealershipBodySchema.parse({ connection })).toEqual({ connection });
    expect(patchDealershipBodySchema.parse({ connection: null })).toEqual({ connection: null });
    expect(patchDealershipBodySchema.parse({ managerEmail: '' })).toEqual({ managerEmail: null });
    expect(messageOf(patchDealershipBodySchema, {})).toMatch(/^Give at least one field to change/);
  });
});

describe('users', () => {
  const user = { login: 'agent3', name: 'Agent Three', email: 'agent3@bpo.example', role: 'agent', password: 'long enough' };

  it('creates a user', () => {
    expect(createUserBodySchema.parse(user)).toEqual(user);
  });

  it('names bad fields', () => {
    expect(messageOf(createUserBodySchema, { ...user, password: 'short' })).toBe('password: At least 8 characters');
    expect(messageOf(createUserBodySchema, { ...user, role: 'admin' })).toMatch(/^role: /);
    expect(messageOf(createUserBodySchema, { ...user, email: 'nope' })).toBe(
      'email: Must be an e-mail address like name@example.com',
    );
    expect(messageOf(createUserBodySchema, { ...user, active: true })).toBe('active: Unknown field');
  });

  it('patches at least one field', () => {
    expect(patchUserBodySchema.parse({ active: false })).toEqual({ active: false });
    expect(messageOf(patchUserBodySchema, {})).toMatch(/^Give at least one field to change/);
  });

  it('filters the list by active from the query string', () => {
    expect(usersQuerySchema.parse({ active: 'true' })).toEqual({ active: true });
    expect(usersQuerySchema.parse({})).toEqual({});
    expect(messageOf(usersQuerySchema, { active: 'yes' })).toBe('active: Must be true or false');
  });
});

describe('intake keys and mail outbox', () => {
  it('creates an intake key and shows the key only in the create answer', () => {
    expect(createIntakeKeyBodySchema.parse({ name: 'Facebook feed' })).toEqual({ name: 'Facebook feed' });
    const created = { id: 'k-1', name: 'Facebook feed', key: 'abc123', createdAt: '2026-01-31T09:00:00Z' };
    expect(intakeKeyCreatedSchema.parse(created)).toEqual(created);
    expect(intakeKeySchema.parse(created)).not.toHaveProperty('key');
  });

  it('parses outbox items and its query', () => {
    const item = {
      id: 'o-1',
      to: 'manager@dealer.example',
      subject: 'Won: LEAD/2026/00042',
      status: 'retrying',
      attempts: 2,
      lastError: 'connect ECONNREFUSED',
      createdAt: '2026-01-31T09:00:00Z',
      sentAt: null,
    };
    expect(mailOutboxItemSchema.parse(item)).toEqual(item);
    expect(mailOutboxItemSchema.safeParse({ ...item, status: 'bounced' }).success).toBe(false);
    expect(mailOutboxQuerySchema.parse({ status: 'failed' })).toEqual({ status: 'failed', limit: 50 });
  });
});
