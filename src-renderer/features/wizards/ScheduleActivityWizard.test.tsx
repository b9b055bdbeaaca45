import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LeadForm } from '../lead-form/LeadForm';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm, toastTexts } from '../lead-form/lead-form.fixture';

describe('Schedule activity from the Activities panel', () => {
  it('plans a call, a meeting or a task — not only visits — through the outbox', async () => {
    stubCrm({});
    const lead = makeLead({ userId: 'u-agent1' });
    const db = await seedReplica([lead]);
    signIn('u-agent1');
    const kick = vi.fn();
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />, kick);
    const activities = await screen.findByRole('region', { name: 'Activities' });
    await userEvent.click(within(activities).getByRole('button', { name: '+ Schedule activity' }));
    const dialog = screen.getByRole('dialog', { name: 'Schedule Activity' });
    expect(within(dialog).queryByRole('group', { name: 'Visit type' })).toBeNull();
    await userEvent.click(within(dialog).getByLabelText('Meeting'));
    await userEvent.clear(within(dialog).getByLabelText('Date'));
    await userEvent.type(within(dialog).getByLabelText('Date'), '2030-06-01');
    await userEvent.type(within(dialog).getByLabelText('Notes'), 'Financing options with the bank');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Schedule Activity' }));
    await waitFor(() => expect(toastTexts()).toContain('success: Meeting scheduled'));
    const [item] = await db.outbox.toArray();
    expect(item?.body).toMatchObject({ type: 'meeting', summary: 'Financing options with the bank' });
    expect(item?.body).not.toHaveProperty('visitKind');
    expect(kick).toHaveBeenCalled();
  });

  it('asks for the visit kind only when Visit is chosen', async () => {
    stubCrm({});
    const lead = makeLead({ userId: 'u-agent1' });
    const db = await seedReplica([lead]);
    signIn('u-agent1');
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
    const activities = await screen.findByRole('region', { name: 'Activities' });
    await userEvent.click(within(activities).getByRole('button', { name: '+ Schedule activity' }));
    const dialog = screen.getByRole('dialog', { name: 'Schedule Activity' });
    await userEvent.click(within(dialog).getByLabelText('Visit'));
    expect(within(dialog).getByRole('group', { name: 'Visit type' })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Schedule Activity' }));
    await waitFor(() => expect(toastTexts()).toContain('success: Showroom visit scheduled'));
    expect((await db.outbox.toArray())[0]?.body).toMatchObject({ type: 'visit', visitKind: 'showroom' });
  });
});
