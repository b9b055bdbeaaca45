import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CrmApi } from '../../src-shared/contract/crm-api';
import type { AppError } from '../../src-shared/contract/errors';
import { makeLead } from '../features/lead-form/lead-form.fixture';
import { enqueue, OutboxPump } from '../db/outbox';
import { ReplicaDb } from '../db/replica-db';
import { SignOutButton } from './SignOutButton';
import { ReplicaContextForTests } from './ReplicaProvider';

function setup(name: string, sendError: AppError | null = null) {
  const db = new ReplicaDb(name);
  const order: string[] = [];
  const signOut = vi.fn(async () => {
    order.push('sign-out');
    return { ok: true as const, value: undefined };
  });
  const send = vi.fn(async () => {
    order.push('send');
    return sendError ? { ok: false as const, error: sendError } : { ok: true as const, value: { id: 'm-1' } };
  });
  window.crm = { signOut } as unknown as CrmApi;
  const onSignedOut = vi.fn();
  render(
    <ReplicaContextForTests value={{ db, outbox: new OutboxPump(db, send) }}>
      <SignOutButton onSignedOut={onSignedOut} />
    </ReplicaContextForTests>,
  );
  return { db, order, onSignedOut };
}

describe('SignOutButton', () => {
  it('deletes the replica when nothing waits in the outbox', async () => {
    const { db, order, onSignedOut } = setup('signout-empty');
    await db.open();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
    expect(order).toEqual(['sign-out']);
    expect(await Dexie.exists('signout-empty')).toBe(false);
  });

  it('sends what waits in the outbox first, with this person\'s session, then deletes the replica', async () => {
    const { db, order, onSignedOut } = setup('signout-send');
    await enqueue(db, 'note', '1', { body: 'sent before signing out' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
    expect(order).toEqual(['send', 'sign-out']);
    expect(await Dexie.exists('signout-send')).toBe(false);
  });

  it('keeps what the hub cannot take now for this same person only: their replica keeps its outbox and nothing else', async () => {
    const { db, order, onSignedOut } = setup('signout-offline', { code: 'hub_unreachable', message: 'offline' });
    await db.leads.add(makeLead());
    await enqueue(db, 'call', '1', { durationMin: 2, result: 'answered', summary: 'kept for later' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
    expect(order).toEqual(['send', 'sign-out']);
    const kept = new ReplicaDb('signout-offline');
    expect(await kept.outbox.count()).toBe(1);
    expect(await kept.leads.count()).toBe(0);
    expect(await kept.meta.count()).toBe(0);
  });
});
