import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CrmApi } from '../../src-shared/contract/crm-api';
import type { AppError } from '../../src-shared/contract/errors';
import { makeLead } from '../features/lead-form/lead-form.fixture';
import { keptOutboxDb } from '../db/kept-outbox';
import { enqueue, OutboxPump } from '../db/outbox';
import { ReplicaDb, replicaName } from '../db/replica-db';
import { SignOutButton } from './SignOutButton';
import { ReplicaContextForTests } from './ReplicaProvider';
import { leadCount, seedLeads } from '../db/lead-store.fixture';

function setup(name: string, sendError: AppError | null = null, sealError: AppError | null = null) {
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
  const sealKeptOutbox = vi.fn(async ({ items }: { items: unknown[] }) => {
    order.push(`seal ${items.length}`);
    return sealError ? { ok: false as const, error: sealError } : { ok: true as const, value: { sealed: 'sealed-by-main' } };
  });
  window.crm = { signOut, sealKeptOutbox } as unknown as CrmApi;
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

  it('seals what the hub cannot take now for this same person only, then deletes the replica', async () => {
    const name = replicaName('http://hub.test', 'u-maria');
    const { db, order, onSignedOut } = setup(name, { code: 'hub_unreachable', message: 'offline' });
    await seedLeads(db, [makeLead()]);
    await enqueue(db, 'call', '1', { durationMin: 2, result: 'answered', summary: 'kept for later' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
    expect(order).toEqual(['send', 'seal 1', 'sign-out']);
    expect(await Dexie.exists(name)).toBe(false);
    const kept = await keptOutboxDb().sealed.where('owner').equals('http://hub.test:u-maria').toArray();
    expect(kept).toMatchObject([{ sealed: 'sealed-by-main', count: 1 }]);
  });

  it('keeps the outbox in the emptied replica when main cannot seal it: nothing is lost', async () => {
    const name = replicaName('http://hub.test', 'u-nokey');
    const { db, order, onSignedOut } = setup(name, { code: 'hub_unreachable', message: 'offline' }, { code: 'not_found', message: 'No key for that person' });
    await seedLeads(db, [makeLead()]);
    await enqueue(db, 'call', '1', { durationMin: 2, result: 'answered', summary: 'kept for later' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
    expect(order).toEqual(['send', 'seal 1', 'sign-out']);
    const kept = new ReplicaDb(name);
    expect(await kept.outbox.count()).toBe(1);
    expect(await leadCount(kept)).toBe(0);
    expect(await kept.meta.count()).toBe(0);
  });
});
