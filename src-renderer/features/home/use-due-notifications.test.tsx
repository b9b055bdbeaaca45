import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Activity } from '../../../src-shared/contract/entities.schema';
import { ReplicaContextForTests } from '../../app/ReplicaProvider';
import { seedHistory } from '../../db/history-store.fixture';
import { makeLead, seedReplica, stubCrm } from '../lead-form/lead-form.fixture';
import { dueToNotify } from './my-activities';
import { DUE_CHECK_MS, useDueNotifications } from './use-due-notifications';

const START = new Date('2026-03-10T09:00:00Z');

afterEach(() => {
  vi.useRealTimers();
  sessionStorage.clear();
});

describe('dueToNotify', () => {
  it('picks what fell due in (since, now] and was not notified', () => {
    const since = new Date('2026-03-10T09:00:00Z');
    const now = new Date('2026-03-10T09:01:00Z');
    const list = [
      { id: 'before', dueAt: '2026-03-10T08:59:59Z' },
      { id: 'edge', dueAt: '2026-03-10T09:00:00Z' },
      { id: 'in', dueAt: '2026-03-10T09:00:30Z' },
      { id: 'now', dueAt: '2026-03-10T09:01:00Z' },
      { id: 'later', dueAt: '2026-03-10T09:01:01Z' },
      { id: 'seen', dueAt: '2026-03-10T09:00:10Z' },
    ];
    expect(dueToNotify(list, new Set(['seen']), since, now).map((a) => a.id)).toEqual(['in', 'now']);
  });
});

describe('useDueNotifications', () => {
  it('asks main once per activity as it falls due, every 30 s', async () => {
    // Only the interval and the clock are fake: fake-indexeddb runs on the real setTimeout/setImmediate.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: START });
    const notify = vi.fn(async (_request: { title: string; body: string; leadId: string }) => ({ ok: true as const, value: {} }));
    stubCrm({ notify });
    const db = await seedReplica([makeLead({ userId: 'u-agent1' })]);
    const at = (ms: number) => new Date(START.getTime() + ms).toISOString();
    const call = (id: string, summary: string, dueAt: string, more: Partial<Activity> = {}): Activity => ({ id, leadId: 'lead-1', userId: 'u-agent1', type: 'call', summary, dueAt, done: false, ...more });
    const activities: Activity[] = [
      call('a-old', 'Long overdue', '2026-03-01T09:00:00Z'),
      call('a-soon', 'Call back about financing', at(45_000)),
      call('a-done', 'Done already', at(10_000), { done: true }),
      call('a-other', 'Not mine', at(10_000), { userId: 'u-agent2' }),
      call('a-later', 'Later', at(10 * 60_000), { type: 'meeting' }),
      // One falls due before each check: its notification says that check has run, and what else it asked for.
      call('tick-1', 'First check', at(15_000)),
      call('tick-3', 'Third check', at(75_000)),
      call('tick-4', 'After the reload', at(105_000)),
    ];
    await seedHistory(db, { activities });
    const asked = () => notify.mock.calls.map(([request]) => request.body.replace('Maria Lopez — ', ''));
    const wrapper = ({ children }: { children: ReactNode }) => <ReplicaContextForTests value={{ db, outbox: {} as never }}>{children}</ReplicaContextForTests>;
    const { unmount } = renderHook(() => useDueNotifications('u-agent1'), { wrapper });

    // Neither the long overdue one, nor a done one, nor another agent's.
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    await vi.waitFor(() => expect(asked()).toContain('First check'));
    expect(asked()).toEqual(['First check']);

    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    await vi.waitFor(() => expect(asked()).toHaveLength(2));
    expect(notify).toHaveBeenLastCalledWith({ title: 'Call due · LEAD/2026/00042', body: 'Maria Lopez — Call back about financing', leadId: 'lead-1' });

    // Not again.
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    await vi.waitFor(() => expect(asked()).toContain('Third check'));
    expect(asked()).toEqual(['First check', 'Call back about financing', 'Third check']);
    unmount();

    // A reload (F5) in the same session remembers what was notified: its look back covers the earlier ones.
    expect(JSON.parse(sessionStorage.getItem('crm:notified-activities:u-agent1') ?? '[]')).toEqual(['tick-1', 'a-soon', 'tick-3']);
    renderHook(() => useDueNotifications('u-agent1'), { wrapper });
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    await vi.waitFor(() => expect(asked()).toContain('After the reload'));
    expect(asked()).toEqual(['First check', 'Call back about financing', 'Third check', 'After the reload']);
  });
});
