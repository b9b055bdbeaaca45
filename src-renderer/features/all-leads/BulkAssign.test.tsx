import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { Result } from '../../../src-shared/contract/result';
import { AllLeadsPanel } from './AllLeadsPanel';
import { aLead, deferred, failure, fakeLeadsHub, ok, renderPanel } from './all-leads-test-kit';

const leads = ['1', '2', '3', '4'].map((id) => aLead(id, { userId: 'u3', version: 10 + Number(id) }));
const select = (ref: string) => userEvent.click(screen.getByRole('checkbox', { name: `Select ${ref}` }));
const bulkBar = () => screen.getByRole('toolbar', { name: 'Bulk actions' });

describe('All Leads bulk actions', () => {
  it('reassigns the selected leads after a confirmation naming the count, shows progress, then the conflicts', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<Result<Lead>>>>();
    const assigned: unknown[] = [];
    const hub = fakeLeadsHub(() => ok({ items: leads, nextCursor: null }), {
      assignLead: (input) => {
        assigned.push(input);
        const answer = deferred<Result<Lead>>();
        answers.set(input.leadId, answer);
        return answer.promise;
      },
    });
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await screen.findByText('Customer 1');
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull();
    await select('LEAD/2026/00001');
    await select('LEAD/2026/00002');
    await select('LEAD/2026/00004');
    expect(within(bulkBar()).getByText('3 leads selected')).toBeTruthy();
    const reassign = within(bulkBar()).getByRole('button', { name: 'Bulk reassign' });
    expect(reassign).toHaveProperty('disabled', true);
    const reassignTo = within(bulkBar()).getByLabelText('Reassign to');
    expect(await within(reassignTo).findByRole('option', { name: 'Maria Santos' })).toBeTruthy();
    expect(within(reassignTo).queryByRole('option', { name: /Lito Lapid/ })).toBeNull();
    await userEvent.selectOptions(reassignTo, 'Maria Santos');
    await userEvent.click(reassign);

    const dialog = screen.getByRole('dialog', { name: 'Bulk reassign' });
    expect(within(dialog).getByText('Reassign 3 leads to Maria Santos?')).toBeTruthy();
    expect(assigned).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reassign 3 leads' }));
    const progress = within(dialog).getByRole('progressbar', { name: 'Bulk progress' });
    expect(progress.getAttribute('max')).toBe('3');
    expect(assigned).toEqual([
      { leadId: '1', userId: 'u1', version: 11 },
      { leadId: '2', userId: 'u1', version: 12 },
      { leadId: '4', userId: 'u1', version: 14 },
    ]);
    await act(async () => answers.get('1')?.resolve(ok(aLead('1', { userId: 'u1' }))));
    expect(progress.getAttribute('value')).toBe('1');
    expect(within(dialog).getByText('1 of 3 leads done…')).toBeTruthy();
    const listedBefore = hub.queries.length;
    await act(async () => answers.get('2')?.resolve(failure({ code: 'version_conflict', message: 'This lead was changed by someone else meanwhile. Refresh it and try again.' })));
    await act(async () => answers.get('4')?.resolve(failure({ code: 'won_in_progress', message: 'A Won push is running on this lead; try again in a minute.' })));

    expect(await within(dialog).findByText('1 of 3 leads reassigned to Maria Santos.')).toBeTruthy();
    const notChanged = within(dialog).getByRole('list', { name: 'Leads not changed' });
    expect(within(notChanged).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'LEAD/2026/00002 — changed by someone else, not overwritten',
      'LEAD/2026/00004 — A Won push is running on this lead; try again in a minute.',
    ]);
    // The page is asked for again, and the selection is gone.
    await waitFor(() => expect(hub.queries.length).toBe(listedBefore + 1));
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('returns the selected leads to the pool, and Cancel changes nothing', async () => {
    const assigned: unknown[] = [];
    const hub = fakeLeadsHub(() => ok({ items: leads, nextCursor: null }), {
      assignLead: async (input) => {
        assigned.push(input);
        return ok(aLead(input.leadId, { userId: null }));
      },
    });
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await screen.findByText('Customer 1');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all leads on this page' }));
    expect(within(bulkBar()).getByText('4 leads selected')).toBeTruthy();
    await select('LEAD/2026/00003');
    await userEvent.click(within(bulkBar()).getByRole('button', { name: 'Return to pool' }));
    let dialog = screen.getByRole('dialog', { name: 'Return to pool' });
    expect(within(dialog).getByText('Return 3 leads to the pool?')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(assigned).toEqual([]);
    expect(within(bulkBar()).getByText('3 leads selected')).toBeTruthy();

    await userEvent.click(within(bulkBar()).getByRole('button', { name: 'Return to pool' }));
    dialog = screen.getByRole('dialog', { name: 'Return to pool' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Return 3 leads' }));
    expect(await within(dialog).findByText('3 of 3 leads returned to the pool.')).toBeTruthy();
    expect(assigned).toEqual(['1', '2', '4'].map((id) => ({ leadId: id, userId: null, version: 10 + Number(id) })));
    expect(within(dialog).queryByRole('list', { name: 'Leads not changed' })).toBeNull();
  });

  it('keeps the selection across pages and drops it when the filter changes', async () => {
    const hub = fakeLeadsHub((query) => ok(query.cursor ? { items: [aLead('7')], nextCursor: null } : { items: leads, nextCursor: 'c2' }));
    await renderPanel(<AllLeadsPanel userId="sup" />, hub.crm);
    await screen.findByText('Customer 1');
    await select('LEAD/2026/00001');
    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await screen.findByText('Customer 7');
    await select('LEAD/2026/00007');
    expect(within(bulkBar()).getByText('2 leads selected')).toBeTruthy();
    await userEvent.selectOptions(within(screen.getByRole('group', { name: 'Filters' })).getByLabelText('Stage'), 'New');
    await waitFor(() => expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull());
  });
});
