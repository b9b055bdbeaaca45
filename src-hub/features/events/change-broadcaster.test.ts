import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeNotice } from '../changes/change-log';
import { ChangeBroadcaster } from './change-broadcaster';
import { parseNotice, wakes } from './change-fanout';

const notice = (value: ChangeNotice): string => JSON.stringify(value);

describe('wakes', () => {
  const agent = { userId: '1', seeAll: false };
  const supervisor = { userId: '9', seeAll: true };

  it('wakes agents for their own leads and the pool, supervisors for every lead, everyone for configuration', () => {
    expect(wakes(agent, { leadId: '5', users: ['1'], pool: false })).toBe(true);
    expect(wakes(agent, { leadId: '5', users: ['2'], pool: true })).toBe(true);
    expect(wakes(agent, { leadId: '5', users: ['2'], pool: false })).toBe(false);
    expect(wakes(supervisor, { leadId: '5', users: ['2'], pool: false })).toBe(true);
    expect(wakes(agent, { leadId: null, users: [], pool: true })).toBe(true);
    expect(wakes(agent, null)).toBe(true);
  });

  it('reads only well-formed notices', () => {
    expect(parseNotice(notice({ leadId: '5', users: ['1'], pool: false }))).toEqual({ leadId: '5', users: ['1'], pool: false });
    for (const bad of ['', 'nope', '[]', '{"leadId":5,"users":[],"pool":false}', '{"leadId":null,"users":[1],"pool":false}', '{"leadId":null,"users":[]}']) {
      expect(parseNotice(bad)).toBeNull();
    }
  });
});

describe('ChangeBroadcaster', () => {
  let emit: (payload: string) => void;
  let listens: number;
  let unlistens: number;
  let broadcaster: ChangeBroadcaster;

  beforeEach(() => {
    vi.useFakeTimers();
    listens = 0;
    unlistens = 0;
    broadcaster = new ChangeBroadcaster(async (onPayload) => {
      listens++;
      emit = onPayload;
      return async () => {
        unlistens++;
      };
    }, 50);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('listens once for all subscribers and fans out by visibility', async () => {
    const agentHeard: string[] = [];
    const otherHeard: string[] = [];
    await broadcaster.subscribe({ userId: '1', seeAll: false }, (hint) => agentHeard.push(hint));
    await broadcaster.subscribe({ userId: '2', seeAll: false }, (hint) => otherHeard.push(hint));
    expect(listens).toBe(1);
    emit(notice({ leadId: '5', users: ['1'], pool: false }));
    expect(agentHeard).toHaveLength(1);
    expect(otherHeard).toHaveLength(0);
  });

  it("looks only at the subscribers a change may concern: one agent's lead never reads the other agents", async () => {
    let reads = 0;
    const counted = (userId: string) => {
      const listener = { userId, seeAll: false };
      return new Proxy(listener, {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    };
    const heard = new Map<string, number>();
    for (let index = 1; index <= 500; index++) await broadcaster.subscribe(counted(String(index)), () => heard.set(String(index), (heard.get(String(index)) ?? 0) + 1));
    reads = 0;
    emit(notice({ leadId: '5', users: ['7'], pool: false }));
    expect([...heard]).toEqual([['7', 1]]);
    expect(reads).toBeLessThan(10);
  });

  it('moves a subscriber to the lead changes of others when its role now sees all (regroup)', async () => {
    const listener = { userId: '1', seeAll: false };
    const heard: string[] = [];
    await broadcaster.subscribe(listener, (hint) => heard.push(hint));
    emit(notice({ leadId: '5', users: ['2'], pool: false }));
    expect(heard).toHaveLength(0);
    listener.seeAll = true;
    broadcaster.regroup(listener);
    emit(notice({ leadId: '6', users: ['2'], pool: false }));
    expect(heard).toHaveLength(1);
  });

  it('sends the first event of a burst at once and the rest as one, at most one per 50 ms', async () => {
    const heard: string[] = [];
    await broadcaster.subscribe({ userId: '1', seeAll: true }, (hint) => heard.push(hint));
    for (let index = 0; index < 10; index++) emit(notice({ leadId: String(index), users: [], pool: true }));
    expect(heard).toHaveLength(1);
    vi.advanceTimersByTime(49);
    expect(heard).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(heard).toHaveLength(2);
    expect(heard[1]).not.toBe(heard[0]);
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveLength(2);
    emit(notice({ leadId: null, users: [], pool: true }));
    expect(heard).toHaveLength(3);
  });

  it('stops sending after unsubscribe (also an event already due) and unlistens on close', async () => {
    const heard: string[] = [];
    const unsubscribe = await broadcaster.subscribe({ userId: '1', seeAll: true }, (hint) => heard.push(hint));
    emit(notice({ leadId: '1', users: [], pool: true }));
    emit(notice({ leadId: '2', users: [], pool: true }));
    unsubscribe();
    vi.advanceTimersByTime(100);
    expect(heard).toHaveLength(1);
    expect(broadcaster.size).toBe(0);
    await broadcaster.close();
    expect(unlistens).toBe(1);
    await expect(broadcaster.subscribe({ userId: '1', seeAll: true }, () => undefined)).rejects.toThrow();
  });

  it('tries to listen again when the first LISTEN failed', async () => {
    let attempts = 0;
    const flaky = new ChangeBroadcaster(async () => {
      attempts++;
      if (attempts === 1) throw new Error('connection refused');
      return async () => undefined;
    });
    await expect(flaky.subscribe({ userId: '1', seeAll: false }, () => undefined)).rejects.toThrow('connection refused');
    await flaky.subscribe({ userId: '1', seeAll: false }, () => undefined);
    expect(attempts).toBe(2);
  });
});
