import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CrmApi } from '../../src-shared/contract/crm-api';
import { enqueue } from '../db/outbox';
import { ReplicaDb } from '../db/replica-db';
import { SignOutButton } from './SignOutButton';
import { ReplicaContextForTests } from './ReplicaProvider';

function setup(name: string) {
  const db = new ReplicaDb(name);
  const signOut = vi.fn(async () => ({ ok: true as const, value: undefined }));
  window.crm = { signOut } as unknown as CrmApi;
  const onSignedOut = vi.fn();
  render(
    <ReplicaContextForTests value={{ db, outbox: { kick: () => undefined, stop: () => undefined } as never }}>
      <SignOutButton onSignedOut={onSignedOut} />
    </ReplicaContextForTests>,
  );
  return { db, signOut, onSignedOut };
}

describe('SignOutButton', () => {
  it('deletes the replica when nothing waits in the outbox', async () => {
    const { db, signOut, onSignedOut } = setup('signout-empty');
    await db.open();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
    expect(signOut).toHaveBeenCalled();
    expect(await Dexie.exists('signout-empty')).toBe(false);
  });

  it('asks first when the outbox is not empty, and keeps everything when the user says no', async () => {
    const { db, signOut, onSignedOut } = setup('signout-pending');
    await enqueue(db, 'note', '1', { body: 'not sent yet' });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('1 note(s), call(s) or activit(ies) have not reached the hub yet'));
    expect(signOut).not.toHaveBeenCalled();
    expect(onSignedOut).not.toHaveBeenCalled();
    expect(await db.outbox.count()).toBe(1);
    confirm.mockRestore();
  });
});
