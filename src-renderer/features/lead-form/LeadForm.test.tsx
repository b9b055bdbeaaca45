import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { forwardOnlyMessage } from '../../../src-shared/domain/transitions';
import { useUiStore } from '../../app/ui-store';
import { seedHistory } from '../../db/history-store.fixture';
import { LeadForm } from './LeadForm';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm, toastTexts } from './lead-form.fixture';
import { removeLeads, seedLeads } from '../../db/lead-store.fixture';

const WORK = ['Call Customer', 'Log Call', 'Schedule Visit', 'Mark as Won', 'Mark as Lost'];

async function headerButtons(): Promise<string[]> {
  const toolbar = await screen.findByRole('toolbar', { name: 'Lead actions' }).catch(() => null);
  return toolbar ? within(toolbar).getAllByRole('button').map((button) => button.textContent ?? '') : [];
}

async function openForm(lead: ReturnType<typeof makeLead>, userId: string) {
  const db = await seedReplica([lead]);
  signIn(userId);
  renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
  await screen.findByRole('article', { name: `Lead ${lead.ref}` });
  return db;
}

describe('LeadForm header', () => {
  it('offers only Claim Lead on an unclaimed open lead', async () => {
    stubCrm({});
    await openForm(makeLead(), 'u-agent1');
    expect(await headerButtons()).toEqual(['Claim Lead']);
  });

  it('offers the five work actions to the owner once claimed', async () => {
    stubCrm({});
    await openForm(makeLead({ userId: 'u-agent1' }), 'u-agent1');
    expect(await headerButtons()).toEqual(WORK);
  });

  it('offers nothing on a closed lead', async () => {
    stubCrm({});
    await openForm(makeLead({ userId: 'u-agent1', stageId: 'won', dealerSoName: 'S00012' }), 'u-agent1');
    expect(screen.queryByRole('toolbar', { name: 'Lead actions' })).toBeNull();
    expect(screen.getByText('S00012')).toBeTruthy();
  });

  it("offers the five to a supervisor on another agent's lead, with the Assigned Agent editable", async () => {
    stubCrm({});
    await openForm(makeLead({ userId: 'u-agent2' }), 'u-super');
    expect(await headerButtons()).toEqual(WORK);
    expect((screen.getByRole('combobox', { name: 'Assigned Agent' }) as HTMLSelectElement).value).toBe('u-agent2');
  });

  it('shows the Assigned Agent read-only to an agent', async () => {
    stubCrm({});
    await openForm(makeLead({ userId: 'u-agent1' }), 'u-agent1');
    expect(screen.queryByRole('combobox', { name: 'Assigned Agent' })).toBeNull();
    expect(screen.getByText('Ana Agent')).toBeTruthy();
  });
});

describe('LeadForm claim', () => {
  it('claims and says so with the lead reference; the form then shows the work actions', async () => {
    const lead = makeLead();
    let db: Awaited<ReturnType<typeof seedReplica>> | null = null;
    const claimLead = vi.fn(async () => {
      const claimed = { ...lead, userId: 'u-agent1', version: 2 };
      if (db) await seedLeads(db, [claimed]); // what the pull after a mutation does
      return { ok: true as const, value: claimed };
    });
    stubCrm({ claimLead });
    db = await openForm(lead, 'u-agent1');
    await userEvent.click(screen.getByRole('button', { name: 'Claim Lead' }));
    expect(claimLead).toHaveBeenCalledWith({ leadId: 'lead-1' });
    await waitFor(() => expect(toastTexts()).toContain('success: You are now assigned to lead LEAD/2026/00042'));
    await waitFor(async () => expect(await headerButtons()).toEqual(WORK));
  });

  it("shows the hub's refusal as is", async () => {
    stubCrm({ claimLead: async () => ({ ok: false as const, error: { code: 'already_claimed', message: 'This lead was just claimed by someone else.' } }) });
    await openForm(makeLead(), 'u-agent1');
    await userEvent.click(screen.getByRole('button', { name: 'Claim Lead' }));
    await waitFor(() => expect(toastTexts()).toContain('error: This lead was just claimed by someone else.'));
  });
});

describe('LeadForm statusbar', () => {
  it('refuses a skip with the verbatim text and never calls the hub', async () => {
    const moveStage = vi.fn();
    stubCrm({ moveStage });
    await openForm(makeLead({ userId: 'u-agent1' }), 'u-agent1');
    const bar = screen.getByRole('navigation', { name: 'Stage' });
    await userEvent.click(within(bar).getByRole('button', { name: 'Negotiation' }));
    expect(toastTexts()).toEqual([`error: ${forwardOnlyMessage('New', 'Qualified')}`]);
    expect(toastTexts()[0]).toBe(
      'error: Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified". Use the Mark Won or Mark Lost buttons to close the lead instead.',
    );
    expect(moveStage).not.toHaveBeenCalled();
  });

  it('applies the one step forward', async () => {
    const moveStage = vi.fn(async () => ({ ok: true as const, value: makeLead({ userId: 'u-agent1', stageId: 'qualified' }) }));
    stubCrm({ moveStage });
    await openForm(makeLead({ userId: 'u-agent1' }), 'u-agent1');
    await userEvent.click(within(screen.getByRole('navigation', { name: 'Stage' })).getByRole('button', { name: 'Qualified' }));
    expect(moveStage).toHaveBeenCalledWith({ leadId: 'lead-1', stageId: 'qualified', version: 1 });
  });

  it('opens the Lost wizard for the Lost stage and the Won confirmation for the Won stage', async () => {
    const moveStage = vi.fn();
    stubCrm({ moveStage });
    await openForm(makeLead({ userId: 'u-agent1' }), 'u-agent1');
    const bar = screen.getByRole('navigation', { name: 'Stage' });
    await userEvent.click(within(bar).getByRole('button', { name: 'Lost' }));
    expect(screen.getByRole('dialog', { name: 'Mark as Lost' })).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await userEvent.click(within(bar).getByRole('button', { name: 'Won' }));
    expect(screen.getByRole('dialog', { name: 'Mark as Won' })).toBeTruthy();
    expect(moveStage).not.toHaveBeenCalled();
  });
});

describe('LeadForm chatter', () => {
  it('shows messages newest first with tracking, and a new note as pending at once, on top', async () => {
    stubCrm({});
    const lead = makeLead({ userId: 'u-agent1' });
    const db = await seedReplica([lead]);
    await seedHistory(db, { messages: [
      { id: 'm2', leadId: lead.id, kind: 'tracking', body: '', authorId: 'u-agent1', createdAt: '2026-03-02T10:00:00Z', tracking: [{ field: 'Stage', from: 'New', to: 'Qualified' }] },
      { id: 'm1', leadId: lead.id, kind: 'duplicate', body: 'Same customer again from web-form', authorId: null, createdAt: '2026-03-01T10:00:00Z' },
    ] });
    signIn('u-agent1');
    const kick = vi.fn();
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />, kick);
    const chatter = await screen.findByRole('region', { name: 'Chatter' });
    await waitFor(() => expect(within(chatter).getByText('Qualified')).toBeTruthy());
    const entries = [...chatter.querySelectorAll('.chatter-list > li')].map((item) => item.textContent ?? '');
    expect(entries[0]).toContain('Stage:');
    expect(entries[1]).toContain('Same customer again from web-form');
    expect(entries.some((text) => text.includes('Stage:') && text.includes('New'))).toBe(true);

    await userEvent.type(within(chatter).getByRole('textbox', { name: 'Note' }), 'Customer prefers mornings');
    await userEvent.click(within(chatter).getByRole('button', { name: 'Log note' }));
    await waitFor(() => expect(within(chatter).getByText('Customer prefers mornings')).toBeTruthy());
    expect(within(chatter).getByText('pending')).toBeTruthy();
    expect(chatter.querySelector('.chatter-list > li')?.textContent).toContain('Customer prefers mornings');
    expect(kick).toHaveBeenCalled();
    expect((await db.outbox.toArray()).map((item) => [item.kind, item.body])).toEqual([['note', { body: 'Customer prefers mornings' }]]);
  });
});

describe('LeadForm opened by a kanban drop on Lost', () => {
  it('opens the Lost wizard by itself, once', async () => {
    stubCrm({});
    const lead = makeLead({ userId: 'u-agent1', stageId: 'qualified' });
    const db = await seedReplica([lead]);
    signIn('u-agent1');
    useUiStore.getState().openLead(lead.id, 'mark_lost');
    const { unmount } = renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
    expect(await screen.findByRole('dialog', { name: 'Mark as Lost' })).toBeTruthy();
    expect(useUiStore.getState().openLeadWizard).toBeNull();
    unmount();
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
    await screen.findByRole('article', { name: `Lead ${lead.ref}` });
    expect(screen.queryByRole('dialog', { name: 'Mark as Lost' })).toBeNull();
  });
});

describe('LeadForm when the lead leaves the replica', () => {
  it('closes when someone else claimed the open lead (the sync removed it), without asking the hub', async () => {
    const fetchLead = vi.fn();
    stubCrm({ fetchLead });
    const lead = makeLead();
    const db = await seedReplica([lead]);
    signIn('u-agent1');
    const onClose = vi.fn();
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={onClose} />);
    await screen.findByRole('article', { name: `Lead ${lead.ref}` });
    await removeLeads(db, [lead.id]);
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(fetchLead).not.toHaveBeenCalled();
    // says why, as the claim race does, instead of vanishing without a word
    expect(toastTexts()).toContain(`info: ${lead.ref} was claimed by someone else. It has left Open Leads.`);
  });

  it("closes without a claim toast when one of the user's own leads leaves (the reassigned-away toast names who)", async () => {
    stubCrm({ fetchLead: vi.fn() });
    const lead = { ...makeLead(), userId: 'u-agent1' };
    const db = await seedReplica([lead]);
    signIn('u-agent1');
    const onClose = vi.fn();
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={onClose} />);
    await screen.findByRole('article', { name: `Lead ${lead.ref}` });
    await removeLeads(db, [lead.id]);
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(toastTexts().filter((text) => text.includes('claimed by someone else'))).toEqual([]);
  });
});
