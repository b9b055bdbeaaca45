import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import { NEEDS_HUB_MESSAGE } from '../../../src-shared/contract/errors';
import type { FloorReports, ReportQueryInput } from '../../../src-shared/contract/reports.schema';
import type { Result } from '../../../src-shared/contract/result';
import { useUiStore } from '../../app/ui-store';
import { aLead, renderWithReplica } from '../leads-board/board-test-kit';
import { FloorReportsView } from './FloorReportsView';
import { DEFAULT_REPORT_FILTER, useReportFilter } from './report-filter-store';
import { emptyFloorReports, floorReportsFixture } from './reports.fixture';

/** Local midnight as the query carries it: ISO UTC, no milliseconds. */
const localDay = (year: number, month: number, day: number) => new Date(year, month - 1, day).toISOString().replace('.000Z', 'Z');

function fakeFloorReports(...answers: Result<FloorReports>[]) {
  const queue = [...answers];
  return vi.fn(async (_query?: ReportQueryInput): Promise<Result<FloorReports>> => (queue.length > 1 ? queue.shift() : queue[0]) ?? { ok: true, value: floorReportsFixture() });
}

async function renderReports(floorReports = fakeFloorReports({ ok: true, value: floorReportsFixture() })) {
  const view = await renderWithReplica(<FloorReportsView />, { leads: [aLead({ id: '1', brand: 'Kia' })] }, { floorReports } as Partial<CrmApi>);
  await view.db.dealerships.put({ id: 'd1', code: 'MNL', name: 'Manila Motors', brands: ['Toyota', 'Honda'], managerEmail: null, models: [], connection: null });
  return { ...view, floorReports };
}

/** A table's body as text, one array of cells per row. */
function rowsOf(name: string): string[][] {
  const table = screen.getByRole('table', { name });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

describe('FloorReportsView', () => {
  beforeEach(() => useReportFilter.setState(DEFAULT_REPORT_FILTER));
  afterEach(() => vi.useRealTimers());

  it('asks for the floor days of the chosen period, the brand and the workstation\'s UTC offset', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 2, 10, 15, 30));
    const { floorReports } = await renderReports();
    const utcOffsetMinutes = -new Date().getTimezoneOffset() || 0;
    const lastQuery = () => floorReports.mock.lastCall?.[0];

    await waitFor(() => expect(lastQuery()).toEqual({ from: localDay(2026, 3, 4), to: localDay(2026, 3, 11), utcOffsetMinutes }));
    const period = screen.getByLabelText('Period');
    await userEvent.selectOptions(period, 'Today');
    await waitFor(() => expect(lastQuery()).toEqual({ from: localDay(2026, 3, 10), to: localDay(2026, 3, 11), utcOffsetMinutes }));
    await userEvent.selectOptions(period, 'Last 30 days');
    await waitFor(() => expect(lastQuery()).toEqual({ from: localDay(2026, 2, 9), to: localDay(2026, 3, 11), utcOffsetMinutes }));
    await userEvent.selectOptions(period, 'This month');
    await waitFor(() => expect(lastQuery()).toEqual({ from: localDay(2026, 3, 1), to: localDay(2026, 4, 1), utcOffsetMinutes }));

    // Brands: the dealerships' and those on leads in the replica.
    await waitFor(() => expect(within(screen.getByLabelText('Brand')).getAllByRole('option').map((option) => option.textContent)).toEqual(['All brands', 'Honda', 'Kia', 'Toyota']));
    await userEvent.selectOptions(screen.getByLabelText('Brand'), 'Honda');
    await waitFor(() => expect(lastQuery()).toEqual({ from: localDay(2026, 3, 1), to: localDay(2026, 4, 1), brand: 'Honda', utcOffsetMinutes }));

    // Custom dates start from the preset's days; the last day is included.
    await userEvent.selectOptions(period, 'Custom dates');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-03-01');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-03-31');
    await userEvent.clear(screen.getByLabelText('From'));
    await userEvent.type(screen.getByLabelText('From'), '2026-02-15');
    await userEvent.clear(screen.getByLabelText('To'));
    await userEvent.type(screen.getByLabelText('To'), '2026-02-20');
    await waitFor(() => expect(lastQuery()).toEqual({ from: localDay(2026, 2, 15), to: localDay(2026, 2, 21), brand: 'Honda', utcOffsetMinutes }));

    // A backwards range is not sent.
    await userEvent.clear(screen.getByLabelText('From'));
    await waitFor(() => expect(lastQuery()).toEqual({ to: localDay(2026, 2, 21), brand: 'Honda', utcOffsetMinutes }));
    const calls = floorReports.mock.calls.length;
    await userEvent.type(screen.getByLabelText('From'), '2026-02-25');
    expect(screen.getByRole('alert').textContent).toBe('The first day must not be after the last day.');
    expect(floorReports.mock.calls.length).toBe(calls);
  });

  it('shows every report\'s numbers in its table: counts, shares, conversion as %, "—" when nothing is closed', async () => {
    await renderReports();
    await screen.findByRole('table', { name: 'Pipeline funnel' });
    expect(rowsOf('Pipeline funnel')).toEqual([
      ['New', '12', '40%'],
      ['Qualified', '6', '20%'],
      ['Negotiation', '4', '13%'],
      ['Won', '5', '17%'],
      ['Lost', '3', '10%'],
    ]);
    expect(rowsOf('Conversion & Won by agent')).toEqual([
      ['Maria Santos', '9', '3', '4', '2', '67%'],
      ['Jose Ramos', '4', '4', '0', '0', '—'],
      ['Ana Lopez (inactive)', '2', '0', '1', '1', '50%'],
    ]);
    expect(rowsOf('Conversion & Won by brand')).toEqual([
      ['Toyota', '20', '15', '4', '1', '80%'],
      ['Honda', '10', '7', '1', '2', '33%'],
    ]);
    expect(rowsOf('Lost reasons')).toEqual([
      ['Price', '2', '67%'],
      ['Competitor', '0', '0%'],
      ['Timing', '0', '0%'],
      ['Model Unavailable', '1', '33%'],
      ['Financing', '0', '0%'],
      ['Other', '0', '0%'],
    ]);
    expect(rowsOf('Age in Open Leads')).toEqual([
      ['< 1 h', '2'],
      ['1–4 h', '1'],
      ['4–24 h', '3'],
      ['1–3 days', '0'],
      ['3–7 days', '1'],
      ['> 7 days', '1'],
    ]);
    const figures = screen.getByRole('region', { name: 'Age in Open Leads' });
    expect(within(figures).getByText('Unclaimed now').nextSibling?.textContent).toBe('8');
    expect(within(figures).getByText('Waiting over a day').nextSibling?.textContent).toBe('2');
    expect(within(figures).getByText('Longest wait').nextSibling?.textContent).toBe('9 d 3 h');
    expect(rowsOf('Oldest unclaimed leads').map((row) => [row[0], row[1], row[2], row[3], row[5]])).toEqual([
      ['LEAD/2026/00009', 'Carla Lim', 'Honda', 'Website', '9 d 3 h'],
      ['LEAD/2026/00012', 'Ben Reyes', 'Toyota', 'Walk-in', '3 d 2 h'],
    ]);
    const calls = rowsOf('Calls per agent per day');
    expect(calls.map((row) => [row[0], ...row.slice(2)])).toEqual([
      ['Jose Ramos', '0', '0', '0', '0', '3', '3'],
      ['Maria Santos', '5', '2', '0', '0', '0', '7'],
      ['Maria Santos', '0', '0', '1', '0', '0', '1'],
    ]);
    const header = within(screen.getByRole('table', { name: 'Calls per agent per day' })).getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(header).toEqual(['Agent', 'Day', 'Answered', 'No Answer', 'Busy', 'Voicemail', 'Wrong Number', 'Total']);
  });

  it('shows a section as a table on demand; the table is always there for assistive technology', async () => {
    await renderReports();
    const funnel = await screen.findByRole('table', { name: 'Pipeline funnel' });
    expect(funnel.parentElement?.className).toBe('sr-only');
    const section = screen.getByRole('region', { name: 'Pipeline funnel' });
    await userEvent.click(within(section).getByRole('button', { name: 'Table' }));
    expect(within(section).getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('table', { name: 'Pipeline funnel' }).parentElement?.className).toBe('report-table-wrap');
  });

  it('opens a lead from the oldest unclaimed leads', async () => {
    await renderReports();
    useUiStore.setState({ openLeadId: null });
    await userEvent.click(await screen.findByText('Ben Reyes'));
    expect(useUiStore.getState().openLeadId).toBe('lead-12');
    await userEvent.click(screen.getByRole('button', { name: 'Open LEAD/2026/00009' }));
    expect(useUiStore.getState().openLeadId).toBe('lead-9');
  });

  it('shows the hub\'s message as is when the reports cannot be read, and tries again', async () => {
    const floorReports = fakeFloorReports({ ok: false, error: { code: 'hub_unreachable', message: NEEDS_HUB_MESSAGE } }, { ok: true, value: floorReportsFixture() });
    await renderReports(floorReports);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(NEEDS_HUB_MESSAGE)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('table', { name: 'Pipeline funnel' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the period has nothing, section by section', async () => {
    await renderReports(fakeFloorReports({ ok: true, value: emptyFloorReports() }));
    await waitFor(() => expect(screen.getByText('No unclaimed leads: the Open Leads pool is empty.')).toBeTruthy());
    expect(screen.getAllByText('No leads were created in this period.')).toHaveLength(3);
    expect(screen.getByText('No open lead waits on a failed Mark as Won.')).toBeTruthy();
    expect(screen.getByText('No lead created in this period was lost.')).toBeTruthy();
    expect(screen.getByText('No agent holds a lead created in this period.')).toBeTruthy();
    expect(screen.getByText('No calls were logged in this period.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('draws the charts once their width is known', async () => {
    const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 480 });
    try {
      await renderReports();
      await screen.findByRole('table', { name: 'Pipeline funnel' });
      // seven reports, the failed Won pushes per dealership and speed to lead
      await waitFor(() => expect(document.querySelectorAll('.report-chart .recharts-wrapper').length).toBe(9));
      const speed = screen.getByRole('table', { name: 'Speed to lead' });
      expect(within(speed).getByRole('rowheader', { name: 'Brand: Honda' }).closest('tr')?.textContent).toContain('11 min');
      const waiting = screen.getByRole('table', { name: 'Failed Won pushes by dealership' });
      expect(within(waiting).getByRole('rowheader', { name: 'Metro Toyota' })).toBeTruthy();
      const funnelChart = screen.getByRole('region', { name: 'Pipeline funnel' }).querySelector('.report-chart');
      expect(funnelChart?.closest('[aria-hidden="true"]')).toBeTruthy();
      expect(within(funnelChart as HTMLElement).getByText('Negotiation')).toBeTruthy();
    } finally {
      // jsdom defines clientWidth on Element.prototype: drop the stub to see it again.
      if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth);
      else Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
    }
  });

  it('shows Loading while the hub answers', async () => {
    let answer: (result: Result<FloorReports>) => void = () => undefined;
    const floorReports = vi.fn(() => new Promise<Result<FloorReports>>((resolve) => (answer = resolve)));
    await renderReports(floorReports as unknown as ReturnType<typeof fakeFloorReports>);
    expect(await screen.findByText('Loading reports…')).toBeTruthy();
    answer({ ok: true, value: floorReportsFixture() });
    await screen.findByRole('table', { name: 'Pipeline funnel' });
    expect(screen.queryByText('Loading reports…')).toBeNull();
  });
});
