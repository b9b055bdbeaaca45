import { describe, expect, expectTypeOf, it } from 'vitest';
import { exampleLead, exampleUser } from './contract-examples.fixture';
import type { Lead, User } from './entities.schema';
import {
  IPC_CHANNELS,
  IPC_CONTRACT,
  IPC_EVENT_NAMES,
  IPC_EVENTS,
  isIpcChannel,
  type IpcEventPayload,
  type IpcInput,
  type IpcOutput,
} from './ipc.contract';

describe('IPC contract', () => {
  it('names every channel and event feature:verb', () => {
    for (const name of [...IPC_CHANNELS, ...IPC_EVENT_NAMES]) expect(name).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
    expect(IPC_EVENT_NAMES).toEqual(['sync:changed', 'connection:state', 'sync:progress', 'won:progress', 'auth:session-changed', 'updates:changed']);
  });

  it('knows its channels', () => {
    expect(isIpcChannel('leads:claim')).toBe(true);
    expect(isIpcChannel('toString')).toBe(false);
    expect(isIpcChannel('fs:read')).toBe(false);
  });

  it('parses inputs as main will', () => {
    expect(IPC_CONTRACT['app:info'].input.safeParse(undefined).success).toBe(true);
    expect(IPC_CONTRACT['app:info'].input.safeParse({ x: 1 }).success).toBe(false);
    expect(IPC_CONTRACT['auth:sign-in'].input.parse({ login: 'agent1', password: 'training' })).toEqual({
      login: 'agent1',
      password: 'training',
    });
    expect(
      IPC_CONTRACT['auth:sign-in'].input.safeParse({ hubUrl: 'file:///etc', login: 'agent1', password: 'x' }).success,
    ).toBe(false);
    expect(IPC_CONTRACT['leads:claim'].input.safeParse({ leadId: 'l-1', userId: 'u-2' }).success).toBe(false);
  });

  it('parses outputs', () => {
    expect(IPC_CONTRACT['auth:session'].output.parse(null)).toBeNull();
    expect(
      IPC_CONTRACT['auth:session'].output.parse({ user: exampleUser, hubUrl: 'http://127.0.0.1:4000', online: false, remembered: true, locked: true, idleLockMinutes: 10 }),
    ).toMatchObject({ online: false, locked: true });
    expect(IPC_CONTRACT['leads:claim'].output.parse(exampleLead)).toEqual(exampleLead);
    expect(IPC_CONTRACT['sync:pull'].output.parse({})).toEqual({});
    expect(IPC_EVENTS['connection:state'].parse({ online: true, state: 'online', hubUrl: null })).toEqual({ online: true, state: 'online', hubUrl: null });
    expect(IPC_EVENTS['connection:state'].safeParse({ online: true, state: 'sleeping', hubUrl: null }).success).toBe(false);
  });

  it('derives the types from the map', () => {
    expectTypeOf<IpcInput<'leads:claim'>>().toEqualTypeOf<{ leadId: string }>();
    expectTypeOf<IpcOutput<'leads:claim'>>().toEqualTypeOf<Lead>();
    expectTypeOf<IpcOutput<'auth:sign-in'>>().toEqualTypeOf<User>();
    expectTypeOf<IpcInput<'app:info'>>().toEqualTypeOf<undefined>();
    expectTypeOf<IpcEventPayload<'sync:changed'>>().toEqualTypeOf<{ cursor: string }>();
  });
});
