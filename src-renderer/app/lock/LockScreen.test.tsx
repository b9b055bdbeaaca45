import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { render } from '@testing-library/react';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import type { OutboxSendInput, Session, SessionChanged } from '../../../src-shared/contract/ipc.contract';
import { defaultStages } from '../../../src-shared/domain/stages.fixture';
import { enqueue } from '../../db/outbox';
import { ReplicaDb, replicaName } from '../../db/replica-db';
import { makeLead, USERS } from '../../features/lead-form/lead-form.fixture';
import { App } from '../App';
import { useSessionStore } from '../session-store';
import { APP_TITLE, LOCKED_TITLE } from './use-locked-title';
import { seedLeads } from '../../db/lead-store.fixture';

const HUB = 'http://127.0.0.1:1';
let run = 0;

function session(patch: Partial<Session> = {}): Session {
  return { user: USERS[0]!, hubUrl: `${HUB}/${run}`, online: true, remembered: true, locked: true, idleLockMinutes: 10, ...patch };
}

/** The whole app over a stub main: its session, the lock channels and the outbox; nothing else answers. */
async function start(initial: Session, unlockAnswer: 'ok' | 'wrong' = 'ok') {
  run++;
  const current = { ...initial, hubUrl: `${HUB}/${run}` };
  const db = new ReplicaDb(replicaName(current.hubUrl, current.user.id));
  await db.stages.bulkAdd(defaultStages());
  await db.users.bulkAdd(USERS);
  await seedLeads(db, [makeLead({ userId: current.user.id, stageId: 'new', customer: { name: 'Carmen Villanueva', phone: '+63 917 555 0101', email: 'carmen@example.com' } })]);
  db.close();
  let changed: (change: SessionChanged) => void = () => undefined;
  const calls: string[] = [];
  const crm = {
    session: async () => ({ ok: true, value: current }),
    appInfo: async () => ({ ok: true, value: { version: 'test', platform: 'linux' } }),
    updateState: async () => ({ ok: true, value: { status: 'none' } }),
    onUpdateChanged: () => () => undefined,
    onConnectionState: () => () => undefined,
    onSyncProgress: () => () => undefined,
    onWonProgress: () => () => undefined,
    onSyncChanged: () => () => undefined,
    onSessionChanged: (listener: (change: SessionChanged) => void) => {
      changed = listener;
      return () => undefined;
    },
    serveReplica: () => () => undefined,
    listLeads: async () => ({ ok: true, value: { items: [], nextCursor: null } }),
    lock: async () => ({ ok: true, value: { locked: true } }),
    unlock: vi.fn(async () => {
      calls.push('unlock');
      return unlockAnswer === 'ok' ? { ok: true, value: {} } : { ok: false, error: { code: 'invalid_credentials', message: 'Wrong password.' } };
    }),
    sendOutboxItem: vi.fn(async (item: OutboxSendInput) => {
      calls.push(`send ${item.kind}`);
      return { ok: true, value: { id: 'm-1' } };
    }),
    signOut: vi.fn(async () => {
      calls.push('sign-out');
      return { ok: true, value: undefined };
    }),
  };
  window.crm = crm as unknown as CrmApi;
  render(<App />);
  return { crm, calls, dbName: replicaName(current.hubUrl, current.user.id), emit: (change: SessionChanged) => act(() => changed(change)), current };
}

afterEach(() => useSessionStore.setState({ booted: false, session: null, ended: null }));

describe('the lock screen', () => {
  it("shows the person's name, a password field and Not you? Sign out — nothing of the replica, not even in the title", async () => {
    await start(session());
    await screen.findByRole('form', { name: 'Locked' });
    expect(screen.getByText('Ana Agent')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Not you? Sign out' })).toBeTruthy();
    expect(document.title).toBe(LOCKED_TITLE);
    // the app behind is hidden and inert: no customer name is visible or reachable
    const shell = document.querySelector('.shell');
    expect(shell?.hasAttribute('hidden')).toBe(true);
    expect(shell?.hasAttribute('inert')).toBe(true);
    expect(screen.queryByText(/Carmen Villanueva/)).toBeNull();
    expect(document.title).not.toContain('Carmen');
  });

  it('unlocks with the password (main decides): the lock goes when main says so; a wrong one is named', async () => {
    const wrong = await start(session(), 'wrong');
    await userEvent.type(await screen.findByLabelText('Password'), 'guess{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong password.');
    expect(wrong.crm.unlock).toHaveBeenCalledWith({ password: 'guess' });
    expect(screen.getByRole('form', { name: 'Locked' })).toBeTruthy();

    wrong.emit({ session: { ...wrong.current, locked: false }, ended: null });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Locked' })).toBeNull());
    expect(document.querySelector('.shell')?.hasAttribute('hidden')).toBe(false);
    expect(document.title).toBe(APP_TITLE);
    wrong.emit({ session: { ...wrong.current, locked: true }, ended: null });
    await screen.findByRole('form', { name: 'Locked' });
  });

  it('Not you? Sign out sends the previous person\'s outbox with their session first, then deletes their replica', async () => {
    const app = await start(session());
    const db = new ReplicaDb(app.dbName);
    await enqueue(db, 'note', 'lead-1', { body: 'Called back, wants a test drive' });
    await userEvent.click(await screen.findByRole('button', { name: 'Not you? Sign out' }));
    await screen.findByRole('form', { name: 'Sign in' });
    expect(app.calls).toEqual(['send note', 'sign-out']);
    await waitFor(async () => expect(await Dexie.exists(app.dbName)).toBe(false));
  });

  it('an expired session goes to sign-in saying why', async () => {
    const app = await start(session({ locked: false }));
    await screen.findByText('Ana Agent · BPO Agent');
    app.emit({ session: null, ended: 'expired' });
    await screen.findByRole('form', { name: 'Sign in' });
    expect(screen.getByRole('status').textContent).toContain('sessions last a shift');
  });
});
