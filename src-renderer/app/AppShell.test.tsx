import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { useUiStore } from './ui-store';
import { renderWithReplica, seedReplica, signIn, stubCrm, USERS } from '../features/lead-form/lead-form.fixture';
import { AppShell } from './AppShell';
import { useSessionStore } from './session-store';

describe('AppShell when a manager changes the signed-in user\'s role', () => {
  it('takes the synced role at once: header and menus follow it both ways', async () => {
    stubCrm({ listLeads: async () => ({ ok: true as const, value: { items: [], nextCursor: null } }), listUnclaimedAlerts: async () => ({ ok: true as const, value: [] }) } as never);
    const db = await seedReplica([]);
    signIn('u-super');
    const session = useSessionStore.getState().session;
    if (!session) throw new Error('signed in');
    renderWithReplica(db, <AppShell session={{ ...session, remembered: true }} connection={null} progress={null} onSignedOut={() => undefined} />);
    await screen.findByText('Sue Supervisor · BPO Supervisor');
    expect(screen.getByRole('button', { name: /All Leads/ })).toBeTruthy();

    // the sync brings the manager's change: supervisor → agent
    await db.users.put({ ...USERS[2]!, role: 'agent' });
    await screen.findByText('Sue Supervisor · BPO Agent');
    await waitFor(() => expect(screen.queryByRole('button', { name: /All Leads/ })).toBeNull());

    await db.users.put({ ...USERS[2]!, role: 'supervisor' });
    await screen.findByText('Sue Supervisor · BPO Supervisor');
    await waitFor(() => expect(screen.getByRole('button', { name: /All Leads/ })).toBeTruthy());
  });
});

describe('AppShell and the keyboard focus', () => {
  it('lands on the view after sign-in, moves into an opened lead and back to what opened it', async () => {
    stubCrm({ listLeads: async () => ({ ok: true as const, value: { items: [], nextCursor: null } }), listUnclaimedAlerts: async () => ({ ok: true as const, value: [] }) } as never);
    const db = await seedReplica([]);
    signIn('u-super');
    const session = useSessionStore.getState().session;
    if (!session) throw new Error('signed in');
    renderWithReplica(db, <AppShell session={{ ...session, remembered: true }} connection={null} progress={null} onSignedOut={() => undefined} />);
    // Not the page body, where the sign-in form's button was: the landing view, by name.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Open Leads'));
    expect(document.activeElement?.tagName).toBe('MAIN');

    const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    opener.focus();
    act(() => useUiStore.getState().openLead('no-such-lead'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Open lead' })));
    act(() => useUiStore.getState().openLead(null));
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});

describe('AppShell when the hub no longer serves this app version', () => {
  it('says "Update required" in a banner and the connection badge, instead of the offline banner', async () => {
    stubCrm({ listLeads: async () => ({ ok: true as const, value: { items: [], nextCursor: null } }), listUnclaimedAlerts: async () => ({ ok: true as const, value: [] }) } as never);
    const db = await seedReplica([]);
    signIn('u-super');
    const session = useSessionStore.getState().session;
    if (!session) throw new Error('signed in');
    renderWithReplica(
      db,
      <AppShell session={{ ...session, online: false, remembered: true }} connection={{ online: false, state: 'update_required', hubUrl: null }} progress={null} onSignedOut={() => undefined} />,
    );
    const banner = await screen.findByRole('alert', { name: 'Update required' });
    expect(banner.textContent).toMatch(/^Update required: the hub no longer serves this version of BPO CRM\. Restart the app/);
    expect(screen.getByRole('status', { name: 'Hub connection: Update required' }).textContent).toContain('Update required');
    expect(screen.queryByText(/showing your synced pipeline read-only\. Notes/)).toBeNull();
  });
});
