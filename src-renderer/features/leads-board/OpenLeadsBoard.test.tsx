import 'fake-indexeddb/auto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useUiStore } from '../../app/ui-store';
import { applyOnTop } from '../../db/apply-sync-page.fixture';
import { OpenLeadsBoard } from './OpenLeadsBoard';
import { useOpenLeadsFilter } from './board-filter-store';
import { aLead, giveElementsASize, renderWithReplica, syncPageOf } from './board-test-kit';

const leads = [
  aLead({ id: '1', brand: 'Toyota', createdAt: '2026-03-02T08:00:00.000Z', customer: { name: 'Ana Cruz', phone: '+63 917 555 0101', email: null } }),
  aLead({ id: '2', brand: 'Honda', createdAt: '2026-03-01T08:00:00.000Z', customer: { name: 'Ben Reyes', phone: null, email: null } }),
  aLead({ id: '3', brand: 'Toyota', createdAt: '2026-03-01T09:00:00.000Z', customer: { name: 'Carla Lim', phone: null, email: null } }),
  aLead({ id: '4', brand: 'Toyota', userId: 'u1', customer: { name: 'Claimed Person', phone: null, email: null } }),
  aLead({ id: '5', brand: 'Nissan', stageId: 'lost', customer: { name: 'Lost Person', phone: null, email: null } }),
];

const column = (brand: string) => screen.getByRole('region', { name: brand });
const refsIn = (brand: string) => within(column(brand)).queryAllByRole('button').map((card) => card.getAttribute('data-lead-id')).filter(Boolean);

describe('OpenLeadsBoard', () => {
  beforeAll(giveElementsASize);
  beforeEach(() => useOpenLeadsFilter.setState({ brand: '', search: '', sort: 'oldest', staleAfterMin: 60 }));

  it('shows only unclaimed open leads, one column per brand, oldest first', async () => {
    await renderWithReplica(<OpenLeadsBoard role="agent" />, { leads });
    await waitFor(() => expect(screen.getAllByRole('region').map((region) => region.getAttribute('aria-label'))).toEqual(['Open Leads', 'Honda', 'Toyota']));
    expect(refsIn('Toyota')).toEqual(['3', '1']);
    expect(refsIn('Honda')).toEqual(['2']);
    expect(screen.queryByText('Claimed Person')).toBeNull();
    expect(screen.queryByText('Lost Person')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /Sorted oldest first/ }));
    await waitFor(() => expect(refsIn('Toyota')).toEqual(['1', '3']));
  });

  it('is busy until the whole pool is read, for whoever waits on it (a screen reader, the board bench)', async () => {
    await renderWithReplica(<OpenLeadsBoard role="agent" />, { leads });
    expect(screen.getByRole('region', { name: 'Open Leads' }).getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(screen.getByRole('region', { name: 'Open Leads' }).getAttribute('aria-busy')).toBe('false'));
    expect(refsIn('Toyota')).toEqual(['3', '1']);
  });

  it('filters by brand and searches ref, customer and phone', async () => {
    await renderWithReplica(<OpenLeadsBoard role="agent" />, { leads });
    await screen.findByText('Ana Cruz');
    await userEvent.selectOptions(screen.getByLabelText('Brand'), 'Honda');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Toyota' })).toBeNull());
    expect(refsIn('Honda')).toEqual(['2']);
    await userEvent.selectOptions(screen.getByLabelText('Brand'), '');
    await screen.findByText('Ana Cruz');
    await userEvent.type(screen.getByLabelText('Search leads'), '917 555');
    expect(refsIn('Toyota')).toEqual(['1']);
    expect(refsIn('Honda')).toEqual([]);
    await userEvent.clear(screen.getByLabelText('Search leads'));
    await userEvent.type(screen.getByLabelText('Search leads'), 'LEAD/2026/00003');
    expect(refsIn('Toyota')).toEqual(['3']);
  });

  it('opens the lead form on click; a lead claimed elsewhere leaves the board and one returned to the pool comes back', async () => {
    const { db } = await renderWithReplica(<OpenLeadsBoard role="agent" />, { leads });
    await userEvent.click(await screen.findByText('Ben Reyes'));
    expect(useUiStore.getState().openLeadId).toBe('2');
    const ana = leads[0]!;
    await applyOnTop(db, syncPageOf({ leads: [{ ...ana, userId: 'someone-else', version: 2 }] }));
    await waitFor(() => expect(screen.queryByText('Ana Cruz')).toBeNull());
    await applyOnTop(db, syncPageOf({ leads: [{ ...ana, userId: null, version: 3 }] }));
    expect(await screen.findByText('Ana Cruz')).toBeTruthy();
  });

  it('renders only the cards in view out of thousands', async () => {
    const many = Array.from({ length: 5000 }, (_, index) => aLead({ id: String(index + 10), createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString() }));
    await renderWithReplica(<OpenLeadsBoard role="agent" />, { leads: many });
    await screen.findByText('Customer 10');
    expect(within(column('Toyota')).getByText('5,000')).toBeTruthy();
    expect(document.querySelectorAll('.card').length).toBeLessThan(30);
  });
});
