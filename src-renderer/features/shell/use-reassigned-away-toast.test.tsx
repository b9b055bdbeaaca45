import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ReplicaContextForTests } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { applyOnTop } from '../../db/apply-sync-page.fixture';
import { makeLead, seedReplica, stubCrm, toastTexts } from '../lead-form/lead-form.fixture';
import { useReassignedAwayToast } from './use-reassigned-away-toast';
import { clearLeadRows, putLeadRows } from '../../db/lead-store';
import { seedLeads } from '../../db/lead-store.fixture';

const page = (patch: Partial<Parameters<typeof applyOnTop>[1]>) => ({
  cursor: `c-${Math.random()}`,
  reset: false,
  stages: [],
  users: [],
  dealerships: [],
  leads: [],
  messages: [],
  callLogs: [],
  activities: [],
  removedLeadIds: [],
  ...patch,
}) as Parameters<typeof applyOnTop>[1];

async function setup(userId: string) {
  const mine = makeLead({ userId, stageId: 'qualified' });
  const other = makeLead({ id: 'lead-2', ref: 'LEAD/2026/00043', userId, stageId: 'new' });
  // Two more of the user's leads, taken away later: their toasts are the signal that the hook has dealt with
  // every change before (an earlier change that toasted by mistake would show before them, or in their toast).
  const third = makeLead({ id: 'lead-3', ref: 'LEAD/2026/00044', userId, stageId: 'new' });
  const fourth = makeLead({ id: 'lead-4', ref: 'LEAD/2026/00045', userId, stageId: 'new' });
  const db = await seedReplica([mine, other, third, fourth]);
  await db.meta.put({ key: 'synced', value: 'yes' });
  useUiStore.setState({ toasts: [] });
  const wrapper = ({ children }: { children: ReactNode }) => <ReplicaContextForTests value={{ db, outbox: {} as never }}>{children}</ReplicaContextForTests>;
  const { result } = renderHook(() => useReassignedAwayToast(userId), { wrapper });
  // The hook must have seen the user's leads once before anything changes (however slow the machine is).
  await waitFor(() => expect(result.current?.size).toBe(4));
  return { db, mine, other, fourth, result };
}

describe('useReassignedAwayToast', () => {
  it("names the new agent and the supervisor to an agent, asking the hub once the lead has left the replica", async () => {
    const leadReassignment = vi.fn(async () => ({ ok: true as const, value: { ref: 'LEAD/2026/00042', toName: 'Ben Agent', byName: 'Sue Supervisor' } }));
    stubCrm({ leadReassignment });
    const { db } = await setup('u-agent1');
    await applyOnTop(db, page({ removedLeadIds: ['lead-1'] }));
    await waitFor(() => expect(toastTexts()).toEqual(['info: LEAD/2026/00042 was reassigned to Ben Agent by Sue Supervisor']));
    expect(leadReassignment).toHaveBeenCalledWith({ leadId: 'lead-1' });
  });

  it('makes one toast of leads taken away together', async () => {
    stubCrm({ leadReassignment: vi.fn(async () => ({ ok: true as const, value: { ref: 'x', toName: 'Ben Agent', byName: 'Sue Supervisor' } })) });
    const { db } = await setup('u-agent1');
    await applyOnTop(db, page({ removedLeadIds: ['lead-1', 'lead-2'] }));
    await waitFor(() => expect(toastTexts()).toEqual(['info: 2 of your leads were reassigned to Ben Agent by Sue Supervisor: LEAD/2026/00042, LEAD/2026/00043']));
    await applyOnTop(db, page({ removedLeadIds: ['lead-3'] }));
    await waitFor(() =>
      expect(toastTexts()).toEqual([
        'info: 2 of your leads were reassigned to Ben Agent by Sue Supervisor: LEAD/2026/00042, LEAD/2026/00043',
        'info: LEAD/2026/00044 was reassigned to Ben Agent by Sue Supervisor',
      ]),
    );
  });

  it('still tells the agent, without names, when the hub does not say (offline, or refused)', async () => {
    for (const answer of [
      { ok: false as const, error: { code: 'hub_unreachable' as const, message: 'The hub cannot be reached.' } },
      { ok: false as const, error: { code: 'not_found' as const, message: 'Not found.' } },
    ]) {
      stubCrm({ leadReassignment: vi.fn(async () => answer) });
      const { db } = await setup('u-agent1');
      await applyOnTop(db, page({ removedLeadIds: ['lead-1'] }));
      await waitFor(() => expect(toastTexts()).toEqual(['info: LEAD/2026/00042 was reassigned to another agent by a supervisor']));
    }
  });

  it('names the new agent and the supervisor when the lead stays visible', async () => {
    const { db, mine } = await setup('u-agent1');
    await applyOnTop(
      db,
      page({
        leads: [{ ...mine, userId: 'u-agent2', version: 2 }],
        messages: [{ id: 'm-1', leadId: 'lead-1', kind: 'tracking', body: '', authorId: 'u-super', createdAt: '2026-03-05T10:00:00Z', tracking: [{ field: 'Assigned Agent', from: 'Ana Agent', to: 'Ben Agent' }] }],
      }),
    );
    await waitFor(() => expect(toastTexts()).toEqual(['info: LEAD/2026/00042 was reassigned to Ben Agent by Sue Supervisor']));
  });

  it('stays quiet on Lost, on a return to the pool and across a replica rebuild', async () => {
    stubCrm({ leadReassignment: vi.fn(async () => ({ ok: false as const, error: { code: 'not_found' as const, message: 'Not found.' } })) });
    const { db, mine, other, fourth, result } = await setup('u-agent1');
    await applyOnTop(db, page({ leads: [{ ...mine, stageId: 'lost', lostReason: 'price', version: 2 }, { ...other, userId: null, version: 2 }] }));
    await waitFor(() => expect([...(result.current?.keys() ?? [])]).toEqual(['lead-3', 'lead-4']));
    await applyOnTop(db, page({ removedLeadIds: ['lead-3'] }));
    const third = 'info: LEAD/2026/00044 was reassigned to another agent by a supervisor';
    await waitFor(() => expect(toastTexts()).toEqual([third]));

    await seedLeads(db, [{ ...other, userId: 'u-agent1', version: 3 }]);
    await waitFor(() => expect(result.current?.has('lead-2')).toBe(true));
    await db.transaction('rw', [db.leadChunks, db.leadHeads, db.meta], async () => {
      await clearLeadRows(db);
      await db.meta.clear();
    });
    await waitFor(() => expect(result.current).toBeNull());
    // The rebuild's full pull brings back what is still the user's; then one of those is taken away.
    await db.transaction('rw', [db.leadChunks, db.leadHeads, db.meta], async () => {
      await db.meta.put({ key: 'synced', value: 'yes' });
      await putLeadRows(db, [fourth]);
    });
    await waitFor(() => expect(result.current?.has('lead-4')).toBe(true));
    await applyOnTop(db, page({ removedLeadIds: ['lead-4'] }));
    await waitFor(() => expect(toastTexts()).toEqual([third, 'info: LEAD/2026/00045 was reassigned to another agent by a supervisor']));
  });
});
