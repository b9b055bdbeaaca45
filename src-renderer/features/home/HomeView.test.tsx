import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Activity } from '../../../src-shared/contract/entities.schema';
import { useUiStore } from '../../app/ui-store';
import { seedHistory } from '../../db/history-store.fixture';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm, toastTexts } from '../lead-form/lead-form.fixture';
import { HomeView } from './HomeView';

const HOUR = 3_600_000;

function activity(id: string, dueAt: Date, patch: Partial<Activity> = {}): Activity {
  return { id, leadId: 'lead-1', userId: 'u-agent1', type: 'call', summary: `Summary ${id}`, dueAt: dueAt.toISOString(), done: false, ...patch };
}

/** Noon today, local: an hour either side stays today in any time zone. */
function todayNoon(): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), 12);
}

async function setup(activities: Activity[]) {
  const db = await seedReplica([makeLead({ userId: 'u-agent1' }), makeLead({ id: 'lead-2', ref: 'LEAD/2026/00043', userId: 'u-agent2', customer: { name: 'Other Customer', phone: '1', email: null } })]);
  await seedHistory(db, { activities });
  signIn('u-agent1');
  renderWithReplica(db, <HomeView userId="u-agent1" />);
  return db;
}

describe('HomeView', () => {
  it("groups the user's open activities into Overdue, Today and Planned, with lead ref and customer", async () => {
    stubCrm({});
    const noon = todayNoon();
    await setup([
      activity('a-planned', new Date(noon.getTime() + 48 * HOUR), { type: 'visit', visitKind: 'showroom' }),
      activity('a-today', new Date(noon.getTime() + HOUR)),
      activity('a-overdue', new Date(noon.getTime() - 72 * HOUR), { type: 'meeting' }),
      activity('a-done', new Date(noon.getTime() - 72 * HOUR), { done: true }),
      activity('a-other', new Date(noon.getTime() + HOUR), { userId: 'u-agent2', leadId: 'lead-2' }),
    ]);
    const overdue = await screen.findByRole('region', { name: 'Overdue' });
    expect(within(overdue).getAllByRole('listitem')).toHaveLength(1);
    expect(within(overdue).getByText('Summary a-overdue')).toBeTruthy();
    expect(within(overdue).getByText('Meeting')).toBeTruthy();
    expect(within(overdue).getByText('LEAD/2026/00042')).toBeTruthy();
    expect(within(overdue).getByText('Maria Lopez')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Today' })).getByText('Summary a-today')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Planned' })).getByText('Visit · Showroom')).toBeTruthy();
    expect(screen.queryByText('Summary a-done')).toBeNull();
    expect(screen.queryByText('Summary a-other')).toBeNull();
    expect(screen.getByRole('heading', { name: /Your activities/ }).textContent).toContain('3');
  });

  it('opens the lead on a click and marks an activity done', async () => {
    const markActivityDone = vi.fn(async () => ({ ok: true as const, value: {} as never }));
    stubCrm({ markActivityDone });
    useUiStore.setState({ openLeadId: null });
    await setup([activity('a-today', new Date(todayNoon().getTime() + HOUR))]);
    await userEvent.click(await screen.findByRole('button', { name: /Summary a-today.*LEAD\/2026\/00042/ }));
    expect(useUiStore.getState().openLeadId).toBe('lead-1');
    await userEvent.click(screen.getByRole('button', { name: 'Done: Summary a-today' }));
    await waitFor(() => expect(toastTexts()).toContain('success: Call marked as done'));
    expect(markActivityDone).toHaveBeenCalledWith({ activityId: 'a-today' });
  });

  it('shows a group 50 rows at a time, soonest first, with how many are not shown', async () => {
    stubCrm({});
    const noon = todayNoon();
    await setup(Array.from({ length: 120 }, (_, i) => activity(`a-${String(i).padStart(3, '0')}`, new Date(noon.getTime() + (48 + i) * HOUR))));
    const planned = await screen.findByRole('region', { name: 'Planned' });
    expect(within(planned).getAllByRole('listitem')).toHaveLength(50);
    expect(within(planned).getAllByRole('listitem')[0]!.textContent).toContain('Summary a-000');
    expect(within(planned).getByRole('heading').textContent).toContain('120');
    await userEvent.click(within(planned).getByRole('button', { name: 'Show 50 more (70 not shown)' }));
    await waitFor(() => expect(within(planned).getAllByRole('listitem')).toHaveLength(100));
    await userEvent.click(within(planned).getByRole('button', { name: 'Show the other 20' }));
    await waitFor(() => expect(within(planned).getAllByRole('listitem')).toHaveLength(120));
    expect(within(planned).queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('is busy while its groups are read, then not', async () => {
    stubCrm({});
    await setup([activity('a-today', new Date(todayNoon().getTime() + HOUR))]);
    expect(screen.getByRole('region', { name: 'Your activities' }).getAttribute('aria-busy')).toBe('true');
    await screen.findByRole('region', { name: 'Today' });
    expect(screen.getByRole('region', { name: 'Your activities' }).getAttribute('aria-busy')).toBeNull();
  });

  it('says so when nothing is planned', async () => {
    stubCrm({});
    await setup([]);
    expect(await screen.findByText('Nothing planned. Schedule the next step from a lead.')).toBeTruthy();
  });
});
