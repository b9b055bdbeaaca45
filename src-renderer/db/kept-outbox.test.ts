import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { KeptOutboxItem } from '../../src-shared/contract/ipc.contract';
import { KeptOutboxDb, restoreKeptOutbox, sealReplicaOutbox, type OpenOutbox, type SealOutbox } from './kept-outbox';
import { enqueue } from './outbox';
import { ReplicaDb } from './replica-db';

const MARIA = { hubUrl: 'http://hub.test', userId: 'u-maria' };

/** Main's stand-in: "seals" by keeping the items aside under a token that names no customer. */
function fakeMain() {
  const vault = new Map<string, KeptOutboxItem[]>();
  const seal: SealOutbox = async (_owner, items) => {
    const token = `sealed-${vault.size + 1}`;
    vault.set(token, items);
    return token;
  };
  const open: OpenOutbox = async (sealed) => {
    const items = vault.get(sealed);
    if (!items) throw new Error('sealed with another key');
    return items;
  };
  return { seal, open };
}

describe('kept outboxes', () => {
  it('seal what waits in a replica for its owner and take it out of the replica', async () => {
    const replica = new ReplicaDb('kept-seal');
    const kept = new KeptOutboxDb('kept-seal-store');
    await enqueue(replica, 'note', 'l-1', { body: 'call after 6 pm' });
    await enqueue(replica, 'call', 'l-1', { durationMin: 2, result: 'answered', summary: 'wants a test drive' });
    let sealedItems: KeptOutboxItem[] = [];
    const count = await sealReplicaOutbox(replica, MARIA, kept, async (owner, items) => {
      expect(owner).toEqual(MARIA);
      sealedItems = items;
      return 'sealed-by-main';
    });
    expect(count).toBe(2);
    expect(sealedItems.map((item) => item.kind)).toEqual(['note', 'call']);
    expect(await replica.outbox.count()).toBe(0);
    const records = await kept.sealed.toArray();
    expect(records).toMatchObject([{ owner: 'http://hub.test:u-maria', sealed: 'sealed-by-main', count: 2 }]);
    expect(JSON.stringify(records)).not.toContain('6 pm');
  });

  it('leave the replica\'s outbox as it was when main cannot seal it', async () => {
    const replica = new ReplicaDb('kept-refused');
    const kept = new KeptOutboxDb('kept-refused-store');
    await enqueue(replica, 'note', 'l-1', { body: 'still here' });
    await expect(sealReplicaOutbox(replica, MARIA, kept, async () => Promise.reject(new Error('no key')))).rejects.toThrow('no key');
    expect(await replica.outbox.count()).toBe(1);
    expect(await kept.sealed.count()).toBe(0);
  });

  it('come back into the owner\'s outbox in the order they were made, each once; one that will not open stays kept', async () => {
    const main = fakeMain();
    const kept = new KeptOutboxDb('kept-restore-store');
    const before = new ReplicaDb('kept-restore-1');
    await enqueue(before, 'note', 'l-1', { body: 'first' });
    await enqueue(before, 'note', 'l-1', { body: 'second' });
    await sealReplicaOutbox(before, MARIA, kept, main.seal);
    await kept.sealed.add({ owner: 'http://hub.test:u-maria', sealed: 'under an old password', count: 1, keptAt: new Date().toISOString() });
    await kept.sealed.add({ owner: 'http://hub.test:u-jose', sealed: 'josé\'s', count: 1, keptAt: new Date().toISOString() });

    const after = new ReplicaDb('kept-restore-2');
    const outcome = await restoreKeptOutbox(after, MARIA, kept, main.open);
    expect(outcome).toEqual({ restored: 2, unopened: 1 });
    expect((await after.outbox.orderBy('seq').toArray()).map((item) => [item.body['body'], item.status])).toEqual([
      ['first', 'pending'],
      ['second', 'pending'],
    ]);
    expect((await kept.sealed.toArray()).map((record) => record.sealed).sort()).toEqual(['josé\'s', 'under an old password']);
    // Twice (a second mount of the same sign-in): nothing doubles.
    await kept.sealed.add({ owner: 'http://hub.test:u-maria', sealed: 'sealed-1', count: 2, keptAt: new Date().toISOString() });
    expect((await restoreKeptOutbox(after, MARIA, kept, main.open)).restored).toBe(0);
    expect(await after.outbox.count()).toBe(2);
  });
});
