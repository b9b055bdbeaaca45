import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LeadForm } from './LeadForm';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm, toastTexts } from './lead-form.fixture';

const ok = <T,>(value: T) => ({ ok: true as const, value });

async function openForm(lead: ReturnType<typeof makeLead>, userId: string) {
  const db = await seedReplica([lead]);
  await db.dealerships.add({ id: 'd-1', code: 'TOY-N', name: 'Toyota North', brands: ['Toyota'], managerEmail: null, models: [], connection: null });
  signIn(userId);
  renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
  await screen.findByRole('article', { name: `Lead ${lead.ref}` });
}

const editButton = () => within(screen.getByRole('region', { name: 'Customer' })).queryByRole('button', { name: 'Edit' });

describe('Edit lead', () => {
  it('is offered to the owner and to a supervisor, not on an unclaimed, closed or read-only lead', async () => {
    stubCrm({});
    await openForm(makeLead({ userId: 'u-agent1', stageId: 'qualified' }), 'u-agent1');
    expect(editButton()).not.toBeNull();
    cleanup();
    await openForm(makeLead({ userId: 'u-agent2' }), 'u-super');
    expect(editButton()).not.toBeNull();
    cleanup();
    await openForm(makeLead(), 'u-agent1');
    expect(editButton()).toBeNull();
    cleanup();
    await openForm(makeLead({ userId: 'u-agent1', stageId: 'lost', lostReason: 'price' }), 'u-agent1');
    expect(editButton()).toBeNull();
  });

  it('sends only what changed, with the version, and says so', async () => {
    const lead = makeLead({ userId: 'u-agent1', version: 7 });
    const updateLead = vi.fn(async () => ok(lead));
    stubCrm({ updateLead });
    await openForm(lead, 'u-agent1');
    await userEvent.click(editButton() as HTMLElement);
    const dialog = screen.getByRole('dialog', { name: 'Edit LEAD/2026/00042' });
    await userEvent.clear(within(dialog).getByLabelText('E-mail'));
    await userEvent.clear(within(dialog).getByLabelText('Vehicle Model'));
    await userEvent.type(within(dialog).getByLabelText('Vehicle Model'), 'C-HR');
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'Toyota North (TOY-N)' })).toBeTruthy());
    await userEvent.selectOptions(within(dialog).getByLabelText('Dealership'), 'Toyota North (TOY-N)');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(updateLead).toHaveBeenCalledWith({ leadId: 'lead-1', patch: { customer: { email: null }, vehicleModel: 'C-HR', dealershipId: 'd-1', version: 7 } });
    expect(toastTexts()).toEqual(['success: LEAD/2026/00042 updated']);
  });

  it('validates inline, refuses an empty edit, and shows the hub error as is', async () => {
    const updateLead = vi.fn(async () => ({ ok: false as const, error: { code: 'version_conflict' as const, message: 'The lead was changed by someone else: reopen it and try again.' } }));
    stubCrm({ updateLead });
    await openForm(makeLead({ userId: 'u-agent1' }), 'u-agent1');
    await userEvent.click(editButton() as HTMLElement);
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Nothing changed.');
    await userEvent.clear(within(dialog).getByLabelText('Customer Name'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Customer Name: Must not be empty');
    expect(updateLead).not.toHaveBeenCalled();
    await userEvent.type(within(dialog).getByLabelText('Customer Name'), 'Maria López');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The lead was changed by someone else: reopen it and try again.');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
