import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { LeadDetail } from '../../../src-shared/contract/ipc.contract';
import type { Message } from '../../../src-shared/contract/entities.schema';
import { useSessionStore } from '../../app/session-store';
import { seedHistory } from '../../db/history-store.fixture';
import { LeadForm } from './LeadForm';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm } from './lead-form.fixture';

const note = (id: string, leadId: string, body: string, at: string): Message => ({ id, leadId, kind: 'note', body, authorId: null, createdAt: at });

/**
 * The replica holds the whole history of the user's own leads only: a pool lead's chatter is read from the
 * hub when its form opens, merged with what the replica holds, and said to be missing when the hub is away.
 */
describe('LeadForm history of a lead the replica holds without it', () => {
  it('reads the chatter from the hub and shows it with what the replica holds since', async () => {
    const lead = makeLead({ id: 'pool-1' });
    const detail: LeadDetail = { lead, messages: [note('m1', lead.id, 'Intake from the web form', '2026-03-01T09:00:00Z')], callLogs: [], activities: [] };
    const fetchLead = vi.fn(async () => ({ ok: true as const, value: detail }));
    stubCrm({ fetchLead });
    const db = await seedReplica([], [lead]);
    // a note synced after the lead row (a change page): held, but not the whole history
    await seedHistory(db, { messages: [note('m2', lead.id, 'Synced later', '2026-03-02T09:00:00Z')] });
    signIn('u-agent1');
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
    const chatter = await screen.findByRole('region', { name: 'Chatter' });
    await waitFor(() => expect(within(chatter).getByText('Intake from the web form')).toBeTruthy());
    expect(within(chatter).getByText('Synced later')).toBeTruthy();
    expect(chatter.querySelector('h3 .count')?.textContent).toBe('2');
    expect(fetchLead).toHaveBeenCalledWith({ leadId: lead.id });
    expect(within(chatter).queryByText(/not downloaded/)).toBeNull();
  });

  it('says plainly that the history is not downloaded when the hub cannot be reached, instead of "Nothing here yet"', async () => {
    const lead = makeLead({ id: 'pool-2' });
    stubCrm({ fetchLead: vi.fn(async () => ({ ok: false as const, error: { code: 'hub_unreachable' as const, message: 'The hub cannot be reached.' } })) });
    const db = await seedReplica([], [lead]);
    signIn('u-agent1');
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
    const chatter = await screen.findByRole('region', { name: 'Chatter' });
    expect(await within(chatter).findByText(/History not downloaded on this workstation/)).toBeTruthy();
    expect(within(chatter).queryByText('Nothing here yet.')).toBeNull();
    const activities = screen.getByRole('region', { name: 'Activities' });
    expect(within(activities).getByText('Activities not downloaded on this workstation.')).toBeTruthy();
    expect(within(activities).queryByText('No planned activity.')).toBeNull();
  });

  it('shows the history once the hub is back, without reopening the form', async () => {
    const lead = makeLead({ id: 'pool-3' });
    const detail: LeadDetail = { lead, messages: [note('m4', lead.id, 'Read once back online', '2026-03-01T09:00:00Z')], callLogs: [], activities: [] };
    const fetchLead = vi.fn(async () => ({ ok: false as const, error: { code: 'hub_unreachable' as const, message: 'The hub cannot be reached.' } }));
    stubCrm({ fetchLead });
    const db = await seedReplica([], [lead]);
    signIn('u-agent1');
    useSessionStore.getState().setConnection({ online: false, state: 'offline', hubUrl: 'http://127.0.0.1:1' });
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
    const chatter = await screen.findByRole('region', { name: 'Chatter' });
    await within(chatter).findByText(/History not downloaded on this workstation/);
    fetchLead.mockImplementation(async () => ({ ok: true as const, value: detail }) as never);
    act(() => useSessionStore.getState().setConnection({ online: true, state: 'online', hubUrl: 'http://127.0.0.1:1' }));
    expect(await within(chatter).findByText('Read once back online')).toBeTruthy();
    expect(within(chatter).queryByText(/not downloaded/)).toBeNull();
  });

  it('does not ask the hub for a lead whose whole history is local (the own pipeline works offline)', async () => {
    const lead = makeLead({ id: 'own-1', userId: 'u-agent1' });
    const fetchLead = vi.fn();
    stubCrm({ fetchLead });
    const db = await seedReplica([lead]);
    await seedHistory(db, { messages: [note('m3', lead.id, 'Own note', '2026-03-01T09:00:00Z')] });
    signIn('u-agent1');
    renderWithReplica(db, <LeadForm leadId={lead.id} onClose={() => undefined} />);
    const chatter = await screen.findByRole('region', { name: 'Chatter' });
    await waitFor(() => expect(within(chatter).getByText('Own note')).toBeTruthy());
    expect(fetchLead).not.toHaveBeenCalled();
    expect(within(chatter).queryByText(/not downloaded|Loading this lead/)).toBeNull();
  });
});
