import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Stage } from '../domain/stages';
import {
  exampleActivity,
  exampleCallLog,
  exampleDealership,
  exampleLead,
  exampleMessage,
  exampleStage,
  exampleUser,
} from './contract-examples.fixture';
import {
  activitySchema,
  callLogSchema,
  dealershipSchema,
  leadSchema,
  messageSchema,
  stageSchema,
  userSchema,
} from './entities.schema';
import type { z } from 'zod';

describe('entity schemas', () => {
  it('parse valid examples unchanged', () => {
    expect(userSchema.parse(exampleUser)).toEqual(exampleUser);
    expect(stageSchema.parse(exampleStage)).toEqual(exampleStage);
    expect(dealershipSchema.parse(exampleDealership)).toEqual(exampleDealership);
    expect(leadSchema.parse(exampleLead)).toEqual(exampleLead);
    expect(messageSchema.parse(exampleMessage)).toEqual(exampleMessage);
    expect(callLogSchema.parse(exampleCallLog)).toEqual(exampleCallLog);
    expect(activitySchema.parse(exampleActivity)).toEqual(exampleActivity);
  });

  it('keep the stage type equal to the domain Stage', () => {
    expectTypeOf<z.infer<typeof stageSchema>>().toEqualTypeOf<Stage>();
  });

  it('allow a dealership without a connection and a message without tracking', () => {
    expect(dealershipSchema.safeParse({ ...exampleDealership, connection: null, managerEmail: null }).success).toBe(true);
    const { tracking: _tracking, ...note } = exampleMessage;
    expect(messageSchema.safeParse({ ...note, kind: 'note', authorId: null }).success).toBe(true);
  });

  it('strip unknown response fields so a newer hub does not break an older client', () => {
    expect(leadSchema.parse({ ...exampleLead, priority: 3 })).toEqual(exampleLead);
  });

  it('never carry the dealer API key', () => {
    const parsed = dealershipSchema.parse({
      ...exampleDealership,
      connection: { ...exampleDealership.connection, apiKey: 'secret' },
    });
    expect(JSON.stringify(parsed)).not.toContain('secret');
  });

  it('refuse malformed objects', () => {
    expect(leadSchema.safeParse({ ...exampleLead, ref: 'L-42' }).success).toBe(false);
    expect(leadSchema.safeParse({ ...exampleLead, createdAt: '2026-01-31 09:00' }).success).toBe(false);
    expect(leadSchema.safeParse({ ...exampleLead, lostReason: 'bored' }).success).toBe(false);
    expect(userSchema.safeParse({ ...exampleUser, role: 'admin' }).success).toBe(false);
    expect(callLogSchema.safeParse({ ...exampleCallLog, durationMin: 1441 }).success).toBe(false);
    expect(activitySchema.safeParse({ ...exampleActivity, visitKind: 'garden' }).success).toBe(false);
    expect(messageSchema.safeParse({ ...exampleMessage, tracking: [{ field: 'stage', from: 1, to: null }] }).success).toBe(
      false,
    );
  });
});
