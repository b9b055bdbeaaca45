import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LeadPage } from '../../../src-shared/contract/leads.schema';
import { useUiStore } from '../../app/ui-store';
import { AllLeadsPanel } from './AllLeadsPanel';
import { useAllLeadsFilter } from './all-leads-filter-store';
import { aLead, deferred, failure, fakeLeadsHub, ok, renderPanel, toastTexts } from './all-leads-test-kit';

const page = (ids: string[], nextCursor: string | null = null): LeadPage => ({ items: ids.map((id) => aLead(id)), nextCursor });
/** A control of the filter strip (the column chooser has checkboxes with the same names). */
const filter = (name: string) => within(screen.getByRole('group', { name: 'Filters' })).getByLabelText(name);
const table = () => screen.getByRole('table', { name: 'Leads' });
const shownRefs = () => within(table()).queryAllByRole('row').slice(1).map((row) => row.getAttribute('data-lead-id'));
const lastQuery = (hub: { queries: unknown[] }) => hub.queries[hub.queries.length - 1];
const FIRST = { scope: 'all', sort: 'created_desc', limit: 50 };

describe('All Leads panel', () => {
  it('asks the hub for the first page of every lead, newest first, and shows names for ids', async () => {
    const hub = fakeLeadsHub(() => ok({ items: [aLead('1', { userId: null }), aLead('2', { userId: 'u3', stageId: 'qualified' }), aLead('3', { userId: 'u1' })], nextCursor: null }));
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await waitFor(() => expect(shownRefs()).toEqual(['1', '2', '3']));
    expect(hub.queries).toEqual([FIRST]);
    const rows = within(table()).getAllByRole('row');
    expect(within(rows[1]!).getByText('Unassigned')).toBeTruthy();
    expect(within(rows[2]!).getByText('Lito Lapid')).toBeTruthy();
    expect(within(rows[2]!).getByText('inactive')).toBeTruthy();
    expect(within(rows[2]!).getByText('Qualified')).toBeTruthy();
    expect(within(rows[3]!).getByText('Maria Santos')).toBeTruthy();
  });

  it('turns each filter into the hub query', async () => {
    const hub = fakeLeadsHub(() => ok(page(['1'])));
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm, [aLead('9', { source: 'Facebook', brand: 'Honda' })]);
    await waitFor(() => expect(hub.queries).toHaveLength(1));
    const agent = filter('Assigned agent');
    expect(await within(agent).findByRole('option', { name: 'Lito Lapid (inactive)' })).toBeTruthy();

    await userEvent.selectOptions(agent, 'Unassigned');
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, userId: 'none' }));
    await userEvent.selectOptions(agent, 'Lito Lapid (inactive)');
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, userId: 'u3' }));
    await userEvent.selectOptions(filter('Stage'), 'Negotiation');
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, userId: 'u3', stageId: 'negotiation' }));
    await userEvent.selectOptions(filter('Brand'), 'Honda');
    await userEvent.selectOptions(filter('Source'), 'Facebook');
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, userId: 'u3', stageId: 'negotiation', brand: 'Honda', source: 'Facebook' }));

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(lastQuery(hub)).toEqual(FIRST));
    await userEvent.selectOptions(filter('Age'), 'Older than 1 day');
    const asOf = Date.parse(useAllLeadsFilter.getState().ageAsOf ?? '');
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, createdBefore: new Date(asOf - 86_400_000).toISOString() }));
    await userEvent.selectOptions(filter('Age'), 'Created between…');
    await userEvent.type(filter('Created from'), '2026-03-01');
    await userEvent.type(filter('Created to'), '2026-03-05');
    await waitFor(() =>
      expect(lastQuery(hub)).toEqual({ ...FIRST, createdAfter: new Date(2026, 2, 1).toISOString(), createdBefore: new Date(2026, 2, 6).toISOString() }),
    );
  });

  it('searches after a pause in typing, once, and refuses dates that exclude each other without asking', async () => {
    const hub = fakeLeadsHub(() => ok(page(['1'])));
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await waitFor(() => expect(hub.queries).toHaveLength(1));
    await userEvent.type(screen.getByLabelText('Search leads'), '917 555');
    expect(screen.getByLabelText<HTMLInputElement>('Search leads').value).toBe('917 555');
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, q: '917 555' }));
    expect(hub.queries).toHaveLength(2);

    await userEvent.selectOptions(filter('Age'), 'Created between…');
    await userEvent.type(filter('Created from'), '2026-03-05');
    await userEvent.type(filter('Created to'), '2026-03-01');
    expect((await screen.findByRole('alert')).textContent).toContain('the first creation date is after the second');
    expect(hub.queries.every((query) => !('createdBefore' in query && 'createdAfter' in query))).toBe(true);
  });

  it('shows only the answer to the latest query when an older one arrives late', async () => {
    const slow = deferred<ReturnType<typeof ok<LeadPage>>>();
    const hub = fakeLeadsHub((query) => (query.brand === 'Lexus' ? slow.promise : ok(page(query.brand ? ['7'] : ['1', '2']))));
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await waitFor(() => expect(shownRefs()).toEqual(['1', '2']));
    await waitFor(() => within(filter('Brand')).getByRole('option', { name: 'Lexus' }));
    await userEvent.selectOptions(filter('Brand'), 'Lexus');
    await userEvent.selectOptions(filter('Brand'), 'Toyota');
    await waitFor(() => expect(shownRefs()).toEqual(['7']));
    await act(async () => slow.resolve(ok(page(['5', '6']))));
    expect(shownRefs()).toEqual(['7']);
    expect(screen.getByRole('region', { name: 'All Leads' }).getAttribute('data-query-key')).toContain('"brand":"Toyota"');
  });

  it('sorts on the columns the hub can order by, and only those', async () => {
    const hub = fakeLeadsHub(() => ok(page(['1'])));
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await waitFor(() => expect(hub.queries).toHaveLength(1));
    // The headers come with the first page: find (wait for) them rather than get them at once.
    await userEvent.click(await screen.findByRole('button', { name: 'Customer' }));
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, sort: 'customer_asc' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Customer/ }));
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, sort: 'customer_desc' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Reference' }));
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, sort: 'ref_asc' }));
    expect(screen.getByRole('columnheader', { name: /Stage/ }).querySelector('button.th-sort')).toBeNull();
    expect(screen.getByRole('columnheader', { name: /Assigned Agent/ }).querySelector('button.th-sort')).toBeNull();
    expect(screen.getByRole('columnheader', { name: /Reference/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('pages with the hub cursors: Next keeps a stack, Previous goes back', async () => {
    const pages: Record<string, LeadPage> = { first: page(['1', '2'], 'c2'), c2: page(['3', '4'], 'c3'), c3: page(['5'], null) };
    const hub = fakeLeadsHub((query) => ok(pages[query.cursor ?? 'first']!));
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await waitFor(() => expect(shownRefs()).toEqual(['1', '2']));
    const nav = screen.getByRole('navigation', { name: 'All Leads pages' });
    expect(within(nav).getByRole('button', { name: '← Previous' })).toHaveProperty('disabled', true);
    await userEvent.click(within(nav).getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(shownRefs()).toEqual(['3', '4']));
    await userEvent.click(within(nav).getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(shownRefs()).toEqual(['5']));
    expect(within(nav).getByText('Page 3')).toBeTruthy();
    expect(within(nav).getByText('Rows 101–101')).toBeTruthy();
    expect(within(nav).getByRole('button', { name: 'Next →' })).toHaveProperty('disabled', true);
    await userEvent.click(within(nav).getByRole('button', { name: '← Previous' }));
    await waitFor(() => expect(shownRefs()).toEqual(['3', '4']));
    expect(hub.queries.map((query) => query.cursor)).toEqual([undefined, 'c2', 'c3', 'c2']);
    // A new filter starts from the first page again.
    await userEvent.selectOptions(filter('Stage'), 'New');
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, stageId: 'new' }));
    expect(within(nav).getByText('Page 1')).toBeTruthy();
  });

  it('remembers the columns each user chose', async () => {
    const hub = fakeLeadsHub(() => ok(page(['1'])));
    window.localStorage.clear();
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await waitFor(() => expect(shownRefs()).toEqual(['1']));
    expect(screen.getByRole('columnheader', { name: /Phone/ })).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: /Email/ })).toBeNull();
    await userEvent.click(screen.getByText('Columns'));
    const chooser = screen.getByRole('group', { name: 'Columns shown' });
    await userEvent.click(within(chooser).getByLabelText('Phone'));
    await userEvent.click(within(chooser).getByLabelText('Email'));
    expect(screen.queryByRole('columnheader', { name: /Phone/ })).toBeNull();
    expect(screen.getByRole('columnheader', { name: /Email/ })).toBeTruthy();
    cleanup();

    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await waitFor(() => expect(shownRefs()).toEqual(['1']));
    expect(screen.queryByRole('columnheader', { name: /Phone/ })).toBeNull();
    expect(screen.getByRole('columnheader', { name: /Email/ })).toBeTruthy();
    cleanup();

    await renderPanel(<AllLeadsPanel userId="manager" />, hub.crm);
    await waitFor(() => expect(shownRefs()).toEqual(['1']));
    expect(screen.getByRole('columnheader', { name: /Phone/ })).toBeTruthy();
  });

  it('opens the lead form on a row click, and asks again when the form closes', async () => {
    const hub = fakeLeadsHub(() => ok(page(['1', '2'])));
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await waitFor(() => expect(shownRefs()).toEqual(['1', '2']));
    await userEvent.click(screen.getByText('Customer 2'));
    expect(useUiStore.getState().openLeadId).toBe('2');
    await userEvent.click(screen.getByRole('button', { name: 'LEAD/2026/00001' }));
    expect(useUiStore.getState().openLeadId).toBe('1');
    // Back from the form (where the lead may have been reassigned): the same page is asked for again.
    expect(hub.queries).toHaveLength(1);
    act(() => useUiStore.getState().openLead(null));
    await waitFor(() => expect(hub.queries).toEqual([FIRST, FIRST]));
  });

  it('says when nothing matches, and shows the hub error (offline) with a way to try again', async () => {
    let online = false;
    const hub = fakeLeadsHub((query) =>
      !online
        ? failure({ code: 'hub_unreachable', message: 'This needs the hub, which cannot be reached right now.' })
        : ok(query.brand ? page([]) : page(['1'])),
    );
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    expect((await screen.findByRole('alert')).textContent).toContain('This needs the hub, which cannot be reached right now.');
    online = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(shownRefs()).toEqual(['1']));
    await waitFor(() => within(filter('Brand')).getByRole('option', { name: 'Lexus' }));
    await userEvent.selectOptions(filter('Brand'), 'Lexus');
    expect(await screen.findByText('No lead matches these filters.')).toBeTruthy();
  });

  it('exports the current filter as CSV and says where, or nothing when cancelled', async () => {
    const exports: unknown[] = [];
    let cancel = false;
    const hub = fakeLeadsHub(() => ok(page(['1'])), {
      exportLeadsCsv: async (query) => {
        exports.push(query);
        return ok(cancel ? { path: null, rows: 0 } : { path: '/home/ana/leads-2026-03-01.csv', rows: 12 });
      },
    });
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await userEvent.selectOptions(filter('Assigned agent'), await within(filter('Assigned agent')).findByRole('option', { name: 'Lito Lapid (inactive)' }));
    await waitFor(() => expect(lastQuery(hub)).toEqual({ ...FIRST, userId: 'u3' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(toastTexts()).toEqual(['success: Exported 12 leads to /home/ana/leads-2026-03-01.csv']));
    expect(exports).toEqual([{ scope: 'all', sort: 'created_desc', userId: 'u3' }]);
    cancel = true;
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(exports).toHaveLength(2));
    expect(toastTexts()).toHaveLength(1);
  });
});
