import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Activity } from '../../../src-shared/contract/entities.schema';
import { ReplicaContextForTests } from '../../app/ReplicaProvider';
import { toReplicaActivity } from '../../db/activity-key';
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
    const notify = vi.fn(async () => ({ ok: true as const, value: {} }));
    stubCrm({ notify });
    const db = await seedReplica([makeLead({ userId: 'u-agent1' })]);
    const at = (ms: number) => new Date(START.getTime() + ms).toISOString();
    const activities: Activity[] = [
      { id: 'a-old', leadId: 'lead-1', userId: 'u-agent1', type: 'call', summary: 'Long overdue', dueAt: '2026-03-01T09:00:00Z', done: false },
      { id: 'a-soon', leadId: 'lead-1', userId: 'u-agent1', type: 'call', summary: 'Call back about financing', dueAt: at(45_000), done: false },
      { id: 'a-done', leadId: 'lead-1', userId: 'u-agent1', type: 'call', summary: 'Done already', dueAt: at(10_000), done: true },
      { id: 'a-other', leadId: 'lead-1', userId: 'u-agent2', type: 'call', summary: 'Not mine', dueAt: at(10_000), done: false },
      { id: 'a-later', leadId: 'lead-1', userId: 'u-agent1', type: 'meeting', summary: 'Later', dueAt: at(10 * 60_000), done: false },
    ];
    await db.activities.bulkAdd(activities.map(toReplicaActivity));
    const wrapper = ({ children }: { children: ReactNode }) => <ReplicaContextForTests value={{ db, outbox: {} as never }}>{children}</ReplicaContextForTests>;
    const { unmount } = renderHook(() => useDueNotifications('u-agent1'), { wrapper });

    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notify).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    await vi.waitFor(() => expect(notify).toHaveBeenCalledTimes(1));
    expect(notify).toHaveBeenCalledWith({ title: 'Call due · LEAD/2026/00042', body: 'Maria Lopez — Call back about financing', leadId: 'lead-1' });

    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notify).toHaveBeenCalledTimes(1);
    unmount();

    // A reload (F5) in the same session remembers what was notified.
    expect(JSON.parse(sessionStorage.getItem('crm:notified-activities:u-agent1') ?? '[]')).toEqual(['a-soon']);
    renderHook(() => useDueNotifications('u-agent1'), { wrapper });
    await vi.advanceTimersByTimeAsync(DUE_CHECK_MS);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notify).toHaveBeenCalledTimes(1);
  });
});
