import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CallLogListItem, CallLogPage, CallLogsQueryInput } from '../../../src-shared/contract/lead-work.schema';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import { useUiStore } from '../../app/ui-store';
import { aLead, failure, ok, renderPanel } from '../all-leads/all-leads-test-kit';
import { CallLogsPage } from './CallLogsPage';
import { useCallLogsFilter } from './call-logs-filter-store';
import { EMPTY_CALL_LOGS_FILTER } from './call-logs-query';

const aCall = (id: string, patch: Partial<CallLogListItem> = {}): CallLogListItem => ({
  id,
  leadId: '1',
  leadRef: 'LEAD/2026/00001',
  customerName: 'Andrea Garcia',
  userId: 'u1',
  durationMin: 6,
  result: 'answered',
  summary: `Summary ${id}`,
  createdAt: '2026-03-02T09:30:00.000Z',
  ...patch,
});

function fakeCallLogsHub(answer: (query: CallLogsQueryInput) => CallLogPage, more: Partial<CrmApi> = {}) {
  const queries: CallLogsQueryInput[] = [];
  const crm: Partial<CrmApi> = {
    listCallLogs: async (query) => {
      queries.push(query);
      return ok(answer(query));
    },
    ...more,
  };
  return { queries, crm };
}

const filters = () => within(screen.getByRole('group', { name: 'Filters' }));
const rows = () => within(screen.getByRole('table', { name: 'Call logs' })).getAllByRole('row').slice(1);
const last = (queries: unknown[]) => queries[queries.length - 1];

async function renderPage(role: 'agent' | 'supervisor', crm: Partial<CrmApi>) {
  useCallLogsFilter.setState({ ...EMPTY_CALL_LOGS_FILTER });
  return renderPanel(<CallLogsPage actor={{ id: role === 'agent' ? 'u1' : 'sup', role }} />, crm, [aLead('1', { userId: 'u1', customer: { name: 'Andrea Garcia', phone: null, email: 'a@x.example' } })]);
}

describe('Call Logs page', () => {
  it('lists calls with agent, lead, result, duration, summary and local time; the lead opens from its row', async () => {
    const closedLead = { leadId: '2', leadRef: 'LEAD/2025/00777', customerName: 'Closed Customer' };
    const fetchLead = vi.fn<CrmApi['fetchLead']>();
    const hub = fakeCallLogsHub(() => ({ items: [aCall('10'), aCall('11', { ...closedLead, userId: 'u2', result: 'no_answer', durationMin: 0, summary: '' })], nextCursor: null }), { fetchLead });
    await renderPage('supervisor', hub.crm);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(hub.queries).toEqual([{ limit: 50 }]);
    const [first, second] = rows();
    await waitFor(() => expect(first!.textContent).toContain('LEAD/2026/00001 · Andrea Garcia'));
    expect(first!.textContent).toContain('Maria Santos');
    expect(first!.textContent).toContain('Answered');
    expect(first!.textContent).toContain('6 min');
    expect(first!.textContent).toContain('Summary 10');
    expect(first!.textContent).toContain(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-03-02T09:30:00.000Z')));
    // The hub names each call's lead: one outside the replica needs no read of its own.
    expect(second!.textContent).toContain('LEAD/2025/00777 · Closed Customer');
    expect(fetchLead).not.toHaveBeenCalled();
    expect(second!.textContent).toContain('Jose Reyes');
    expect(second!.textContent).toContain('No Answer');
    await userEvent.click(within(second!).getByRole('button', { name: 'LEAD/2025/00777' }));
    expect(useUiStore.getState().openLeadId).toBe('2');
  });

  it('turns the agent, result and date filters into the hub query, and pages with its cursors', async () => {
    const hub = fakeCallLogsHub((query) => (query.cursor ? { items: [aCall('20')], nextCursor: null } : { items: [aCall('10')], nextCursor: 'n2' }));
    await renderPage('supervisor', hub.crm);
    await waitFor(() => expect(rows()).toHaveLength(1));
    await userEvent.selectOptions(filters().getByLabelText('Agent'), await filters().findByRole('option', { name: 'Lito Lapid (inactive)' }));
    await waitFor(() => expect(last(hub.queries)).toEqual({ limit: 50, userId: 'u3' }));
    await userEvent.selectOptions(filters().getByLabelText('Call Result'), 'Voicemail');
    await waitFor(() => expect(last(hub.queries)).toEqual({ limit: 50, userId: 'u3', result: 'voicemail' }));
    await userEvent.type(filters().getByLabelText('From'), '2026-03-01');
    await userEvent.type(filters().getByLabelText('To'), '2026-03-02');
    await waitFor(() =>
      expect(last(hub.queries)).toEqual({ limit: 50, userId: 'u3', result: 'voicemail', from: new Date(2026, 2, 1).toISOString(), to: new Date(2026, 2, 3).toISOString() }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(last(hub.queries)).toMatchObject({ cursor: 'n2', result: 'voicemail' }));
    expect(await screen.findByText('Summary 20')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '← Previous' }));
    expect(await screen.findByText('Summary 10')).toBeTruthy();
  });

  it('has no agent filter for an agent, whose calls are their own', async () => {
    const hub = fakeCallLogsHub(() => ({ items: [aCall('10')], nextCursor: null }));
    await renderPage('agent', hub.crm);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(filters().queryByLabelText('Agent')).toBeNull();
    expect(screen.getByRole('table', { name: 'Call logs' }).textContent).not.toContain('Maria Santos');
    expect(hub.queries).toEqual([{ limit: 50 }]);
  });

  it('shows the hub error and an empty state', async () => {
    let offline = true;
    const crm: Partial<CrmApi> = {
      listCallLogs: async () => (offline ? failure({ code: 'hub_unreachable', message: 'This needs the hub, which cannot be reached right now.' }) : ok({ items: [], nextCursor: null })),
    };
    await renderPage('supervisor', crm);
    expect((await screen.findByRole('alert')).textContent).toContain('This needs the hub, which cannot be reached right now.');
    offline = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No calls logged yet/)).toBeTruthy();
  });
});
