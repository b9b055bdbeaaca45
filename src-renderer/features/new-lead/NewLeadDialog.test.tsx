import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Dealership } from '../../../src-shared/contract/entities.schema';
import { useUiStore } from '../../app/ui-store';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm, toastTexts } from '../lead-form/lead-form.fixture';
import { NewLeadDialog } from './NewLeadDialog';

const DEALERSHIPS: Dealership[] = [
  { id: 'd-1', code: 'TOY-N', name: 'Toyota North', brands: ['Toyota'], managerEmail: null, models: [], connection: null },
  { id: 'd-2', code: 'KIA-S', name: 'Kia South', brands: ['Kia'], managerEmail: null, models: [], connection: null },
];

async function open(createLead: ReturnType<typeof vi.fn>, options: { held?: string[]; userId?: string } = {}) {
  stubCrm({ createLead: createLead as never });
  const db = await seedReplica((options.held ?? []).map((id) => makeLead({ id, userId: 'u-agent1' })));
  await db.dealerships.bulkAdd(DEALERSHIPS);
  signIn(options.userId ?? 'u-agent1');
  useUiStore.setState({ openLeadId: null });
  const onClose = vi.fn();
  renderWithReplica(db, <NewLeadDialog onClose={onClose} />);
  await screen.findByRole('option', { name: 'Toyota North (TOY-N)' });
  return onClose;
}

async function fill() {
  await userEvent.type(screen.getByLabelText('Customer Name'), 'Maria Lopez');
  await userEvent.type(screen.getByLabelText('Phone'), '+34 600 111 222');
  await userEvent.type(screen.getByLabelText('Brand'), 'Toyota');
  await userEvent.type(screen.getByLabelText('Vehicle Model'), 'Corolla Hybrid');
}

describe('NewLeadDialog', () => {
  it('validates inline with messages naming the field, and sends nothing', async () => {
    const createLead = vi.fn();
    const onClose = await open(createLead);
    await userEvent.click(screen.getByRole('button', { name: 'Create Lead' }));
    const alerts = screen.getAllByRole('alert').map((alert) => alert.textContent ?? '');
    expect(alerts).toEqual([
      'Customer Name: Must not be empty',
      'Phone: At least one of phone or email is required (a phone needs 6 or more digits)',
      'Brand: Must not be empty',
      'Vehicle Model: Must not be empty',
    ]);
    expect(createLead).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('creates the lead with source manual and the chosen dealership code, then opens it', async () => {
    const createLead = vi.fn(async () => ({ ok: true as const, value: { leadId: 'lead-9', ref: 'LEAD/2026/00099', outcome: 'created' as const } }));
    const onClose = await open(createLead);
    await fill();
    expect((screen.getByLabelText('Source') as HTMLInputElement).value).toBe('manual');
    // the dealership list follows the brand
    expect(screen.queryByRole('option', { name: 'Kia South (KIA-S)' })).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Dealership'), 'Toyota North (TOY-N)');
    await userEvent.click(screen.getByRole('button', { name: 'Create Lead' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(createLead).toHaveBeenCalledWith({
      customer: { name: 'Maria Lopez', phone: '+34 600 111 222', email: null },
      brand: 'Toyota',
      vehicleModel: 'Corolla Hybrid',
      source: 'manual',
      dealershipCode: 'TOY-N',
    });
    expect(toastTexts()).toEqual(['success: Lead LEAD/2026/00099 created']);
    expect(useUiStore.getState().openLeadId).toBe('lead-9');
  });

  it('takes the user to the open lead the customer was merged into, when it is theirs', async () => {
    const createLead = vi.fn(async () => ({ ok: true as const, value: { leadId: 'lead-3', ref: 'LEAD/2026/00003', outcome: 'merged' as const } }));
    await open(createLead, { held: ['lead-3'] });
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Create Lead' }));
    await waitFor(() => expect(useUiStore.getState().openLeadId).toBe('lead-3'));
    expect(toastTexts()).toEqual(['info: This customer already has an open lead (LEAD/2026/00003): the contact was added to its chatter']);
    expect((createLead.mock.calls as unknown[][])[0]?.[0]).not.toHaveProperty('dealershipCode');
  });

  it("says the lead is another agent's and opens nothing an agent may not see", async () => {
    const createLead = vi.fn(async () => ({ ok: true as const, value: { leadId: 'lead-7', ref: 'LEAD/2026/00007', outcome: 'merged' as const } }));
    const onClose = await open(createLead);
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Create Lead' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(toastTexts()).toEqual([
      "info: This customer already has an open lead (LEAD/2026/00007) held by another agent: the contact was added to that lead's chatter. Its agent follows up.",
    ]);
    expect(useUiStore.getState().openLeadId).toBeNull();
  });

  it('takes a supervisor to any lead the customer was merged into', async () => {
    const createLead = vi.fn(async () => ({ ok: true as const, value: { leadId: 'lead-7', ref: 'LEAD/2026/00007', outcome: 'merged' as const } }));
    await open(createLead, { userId: 'u-super' });
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Create Lead' }));
    await waitFor(() => expect(useUiStore.getState().openLeadId).toBe('lead-7'));
  });

  it("shows the hub's refusal as is and stays open", async () => {
    const createLead = vi.fn(async () => ({ ok: false as const, error: { code: 'hub_unreachable', message: 'The hub cannot be reached: New Lead needs it.' } }));
    const onClose = await open(createLead);
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Create Lead' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The hub cannot be reached: New Lead needs it.');
    expect(onClose).not.toHaveBeenCalled();
  });
});
