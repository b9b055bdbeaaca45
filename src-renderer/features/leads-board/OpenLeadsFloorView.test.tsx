import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OpenLeadsBoard } from './OpenLeadsBoard';
import { useOpenLeadsFilter } from './board-filter-store';
import { aLead, giveElementsASize, renderWithReplica } from './board-test-kit';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

// Toyota: waiting 10 min, 45 min, 3 h; Honda: 90 min, 2 days.
const leads = [
  aLead({ id: '1', brand: 'Toyota', createdAt: minutesAgo(10), customer: { name: 'Fresh Toyota', phone: null, email: null } }),
  aLead({ id: '2', brand: 'Toyota', createdAt: minutesAgo(45), customer: { name: 'Waiting Toyota', phone: null, email: null } }),
  aLead({ id: '3', brand: 'Toyota', createdAt: minutesAgo(180), customer: { name: 'Old Toyota', phone: null, email: null } }),
  aLead({ id: '4', brand: 'Honda', createdAt: minutesAgo(90), customer: { name: 'Waiting Honda', phone: null, email: null } }),
  aLead({ id: '5', brand: 'Honda', createdAt: minutesAgo(2 * 1440), customer: { name: 'Ancient Honda', phone: null, email: null } }),
];

const column = (brand: string) => screen.getByRole('region', { name: brand });
const staleIn = (brand: string) =>
  within(column(brand))
    .queryAllByRole('button')
    .filter((card) => card.classList.contains('card-stale'))
    .map((card) => card.getAttribute('data-lead-id'));
const staleCount = (brand: string) => column(brand).querySelector('.board-stale-count')?.textContent;

describe('Open Leads floor view (supervisors and managers)', () => {
  beforeAll(giveElementsASize);
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    useOpenLeadsFilter.setState({ brand: '', search: '', sort: 'oldest', staleAfterMin: 60 });
  });
  afterEach(() => vi.useRealTimers());

  it('marks leads older than the threshold as stale, in words too, and counts them per column', async () => {
    await renderWithReplica(<OpenLeadsBoard role="supervisor" />, { leads });
    await screen.findByText('Old Toyota');
    expect(staleIn('Toyota')).toEqual(['3']);
    expect(staleIn('Honda')).toEqual(['5', '4']);
    // counted over the whole column, once every lead is read
    await waitFor(() => expect(staleCount('Toyota')).toBe('1 stale'));
    expect(staleCount('Honda')).toBe('2 stale');
    const old = screen.getByRole('button', { name: /Old Toyota/ });
    // The card's name is its visible text, the word "Stale" included.
    expect(old.textContent).toMatch(/Stale/);
    expect(within(old).getByText('Stale')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Fresh Toyota/ }).textContent).not.toMatch(/Stale/);
  });

  it('changes the threshold from the toolbar and remembers it in the filter store', async () => {
    await renderWithReplica(<OpenLeadsBoard role="manager" />, { leads });
    await screen.findByText('Old Toyota');
    const select = screen.getByLabelText('Stale after');
    expect([...(select as HTMLSelectElement).options].map((option) => option.textContent)).toEqual(['30 min', '1 h', '2 h', '4 h', '1 day']);
    await userEvent.selectOptions(select, '30 min');
    await waitFor(() => expect(staleIn('Toyota')).toEqual(['3', '2']));
    await waitFor(() => expect(staleCount('Toyota')).toBe('2 stale'));
    await userEvent.selectOptions(select, '1 day');
    await waitFor(() => expect(staleIn('Toyota')).toEqual([]));
    await waitFor(() => expect(staleCount('Toyota')).toBe('0 stale'));
    expect(staleIn('Honda')).toEqual(['5']);
    expect(useOpenLeadsFilter.getState().staleAfterMin).toBe(1440);
    expect(JSON.parse(localStorage.getItem('crm:open-leads-filter') ?? '{}')).toMatchObject({ state: { staleAfterMin: 1440 } });
  });

  it('keeps oldest-first sorting (and newest-first) with the highlighting', async () => {
    await renderWithReplica(<OpenLeadsBoard role="supervisor" />, { leads });
    await screen.findByText('Old Toyota');
    const ids = () => within(column('Toyota')).queryAllByRole('button').map((card) => card.getAttribute('data-lead-id'));
    expect(ids()).toEqual(['3', '2', '1']);
    await userEvent.click(screen.getByRole('button', { name: /Sorted oldest first/ }));
    await waitFor(() => expect(ids()).toEqual(['1', '2', '3']));
    expect(staleIn('Toyota')).toEqual(['3']);
  });

  it('is not shown to agents', async () => {
    await renderWithReplica(<OpenLeadsBoard role="agent" />, { leads });
    await screen.findByText('Old Toyota');
    expect(screen.queryByLabelText('Stale after')).toBeNull();
    expect(document.querySelectorAll('.card-stale, .board-stale-count').length).toBe(0);
    expect(screen.queryByText('Stale')).toBeNull();
  });
});
