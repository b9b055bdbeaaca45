import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from '@testing-library/react';
import type { UnclaimedAlert } from '../../../src-shared/contract/config.schema';
import type { Actor } from '../../../src-shared/domain/lead-access';
import { CLOCK_TICK_MS } from '../../ui/use-now';
import { aLead, renderWithReplica } from '../leads-board/board-test-kit';
import { unclaimedNotifications } from './unclaimed-alerts';
import { useUnclaimedAlertsStore } from './unclaimed-alerts-store';
import { useUnclaimedAlerts } from './use-unclaimed-alerts';
import { seedLeads, storedLeads } from '../../db/lead-store.fixture';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const supervisor: Actor = { id: 'u-sup', role: 'supervisor' };
const ok = <T,>(value: T) => ({ ok: true as const, value });
const threshold = (brand: string, afterMinutes: number): UnclaimedAlert => ({ brand, afterMinutes, updatedAt: NOW.toISOString() });

function Alerts({ actor }: { actor: Actor }) {
  useUnclaimedAlerts(actor);
  return null;
}

// Only the intervals and the clock are fake: fake-indexeddb runs on the real setTimeout/setImmediate.
const tick = (minutes = 1) => act(() => vi.advanceTimersByTimeAsync(minutes * CLOCK_TICK_MS));

function stubs(alerts: UnclaimedAlert[]) {
  return {
    listUnclaimedAlerts: vi.fn(async () => ok(alerts)),
    notify: vi.fn(async () => ok({})),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: NOW });
  useUnclaimedAlertsStore.setState({ alerts: null });
});
afterEach(() => {
  vi.useRealTimers();
  sessionStorage.clear();
});

describe('unclaimed-lead alerts (supervisors and managers)', () => {
  it('fires once when an unclaimed lead passes its brand’s threshold, never again on later ticks nor after a reload', async () => {
    const crm = stubs([threshold('toyota', 30)]);
    const seed = { leads: [aLead({ id: '1', brand: 'Toyota', createdAt: minutesAgo(28), customer: { name: 'Maria Lopez', phone: '+63 917 555 0101', email: 'maria@mail.example' } })] };
    const { unmount, db } = await renderWithReplica(<Alerts actor={supervisor} />, seed, crm);
    await vi.waitFor(() => expect(useUnclaimedAlertsStore.getState().alerts).toHaveLength(1));

    await tick(2); // 30 min: not longer than the threshold yet
    await tick(); // 31 min
    await vi.waitFor(() => expect(crm.notify).toHaveBeenCalledTimes(1));
    expect(crm.notify).toHaveBeenCalledWith({ title: 'Unclaimed for 31 min · Toyota', body: 'LEAD/2026/00001 is waiting in Open Leads (alert after 30 min).', leadId: '1' });
    // Nothing of the customer on a desktop notification.
    expect(JSON.stringify(crm.notify.mock.calls)).not.toMatch(/Maria|555|mail\.example/);

    // A second lead passing the threshold later is the positive signal that the check still runs.
    await seedLeads(db, [{ ...aLead({ id: '2', brand: 'Toyota', createdAt: minutesAgo(40) }), pool: 'Toyota' }]);
    await tick();
    await vi.waitFor(() => expect(crm.notify).toHaveBeenCalledTimes(2));
    expect(crm.notify).toHaveBeenLastCalledWith(expect.objectContaining({ leadId: '2' }));
    unmount();

    // F5: the session remembers both; a third lead is the signal the reloaded check ran.
    const pool = await storedLeads(db);
    await renderWithReplica(<Alerts actor={supervisor} />, { leads: [...pool, aLead({ id: '3', brand: 'Toyota', createdAt: minutesAgo(60) })] }, crm);
    await vi.waitFor(() => expect(crm.notify).toHaveBeenCalledTimes(3));
    expect(crm.notify).toHaveBeenLastCalledWith(expect.objectContaining({ leadId: '3', title: expect.stringMatching(/^Unclaimed for 1 h \d min · Toyota$/) }));
    await tick();
    expect(crm.notify).toHaveBeenCalledTimes(3);
  });

  it('never alerts for a brand without a threshold (off until set) nor for a claimed or closed lead', async () => {
    const crm = stubs([threshold('Honda', 15)]);
    await renderWithReplica(<Alerts actor={supervisor} />, {
      leads: [
        aLead({ id: '1', brand: 'Toyota', createdAt: minutesAgo(600) }),
        aLead({ id: '2', brand: 'Honda', userId: 'u-agent', createdAt: minutesAgo(600) }),
        aLead({ id: '3', brand: 'Honda', stageId: 'lost', createdAt: minutesAgo(600) }),
        aLead({ id: '4', brand: 'Honda', createdAt: minutesAgo(16) }),
      ],
    }, crm);
    await vi.waitFor(() => expect(useUnclaimedAlertsStore.getState().alerts).toHaveLength(1));
    await vi.waitFor(() => expect(crm.notify).toHaveBeenCalledTimes(1));
    expect(crm.notify).toHaveBeenCalledWith(expect.objectContaining({ leadId: '4', title: 'Unclaimed for 16 min · Honda' }));
    await tick(5);
    expect(crm.notify).toHaveBeenCalledTimes(1);
  });

  it('says several leads of a brand in one notification (a sign-in with a backlog), naming the oldest', async () => {
    const crm = stubs([threshold('Toyota', 30)]);
    await renderWithReplica(<Alerts actor={{ id: 'u-boss', role: 'manager' }} />, {
      leads: [aLead({ id: '1', createdAt: minutesAgo(45) }), aLead({ id: '2', createdAt: minutesAgo(125) }), aLead({ id: '3', createdAt: minutesAgo(5) })],
    }, crm);
    await vi.waitFor(() => expect(crm.notify).toHaveBeenCalledTimes(1));
    expect(crm.notify).toHaveBeenCalledWith({
      title: '2 unclaimed leads waiting over 30 min · Toyota',
      body: 'The oldest, LEAD/2026/00002, has waited 2 h 5 min. They are waiting in Open Leads.',
      leadId: '2',
    });
    expect(JSON.parse(sessionStorage.getItem('crm:notified-unclaimed:u-boss') ?? '[]')).toEqual(['2', '1']);
  });

  it('never alerts agents: they do not even ask for the thresholds', async () => {
    const crm = stubs([threshold('Toyota', 30)]);
    await renderWithReplica(
      <>
        <Alerts actor={{ id: 'u-agent', role: 'agent' }} />
        <Alerts actor={supervisor} />
      </>,
      { leads: [aLead({ id: '1', createdAt: minutesAgo(45) })] },
      crm,
    );
    await tick();
    // The supervisor's alert is the signal that the agent's hook had its chance too.
    await vi.waitFor(() => expect(crm.notify).toHaveBeenCalledTimes(1));
    expect(crm.listUnclaimedAlerts).toHaveBeenCalledTimes(1);
    await tick();
    expect(crm.notify).toHaveBeenCalledTimes(1);
    expect(sessionStorage.getItem('crm:notified-unclaimed:u-agent')).toBeNull();
  });
});

describe('unclaimedNotifications', () => {
  it('skips what was notified and brands with nothing new', () => {
    const overdue = [
      { brand: 'Toyota', afterMinutes: 60, leads: [{ id: '1', ref: 'LEAD/1', createdAt: minutesAgo(90) }, { id: '2', ref: 'LEAD/2', createdAt: minutesAgo(70) }] },
      { brand: 'Honda', afterMinutes: 10, leads: [{ id: '3', ref: 'LEAD/3', createdAt: minutesAgo(11) }] },
    ];
    expect(unclaimedNotifications(overdue, new Set(['1', '3']), NOW)).toEqual([
      { title: 'Unclaimed for 1 h 10 min · Toyota', body: 'LEAD/2 is waiting in Open Leads (alert after 1 h 0 min).', leadId: '2', leadIds: ['2'] },
    ]);
  });
});
