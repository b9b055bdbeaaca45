import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { makeLead } from '../features/lead-form/lead-form.fixture';
import { KeptOutboxDb } from './kept-outbox';
import { enqueue } from './outbox';
import { tidyOtherReplicas } from './other-replicas';
import { ReplicaDb, replicaName } from './replica-db';
import { leadCount, seedLeads } from './lead-store.fixture';

describe('replicas other people left on the workstation', () => {
  it('go when someone else signs in: what waits in an outbox is sealed for its own person first', async () => {
    const hub = 'http://hub.test';
    const left = new ReplicaDb(replicaName(hub, 'u-left'));
    await seedLeads(left, [makeLead({ id: 'l-1' })]);
    const waiting = new ReplicaDb(replicaName(hub, 'u-waiting'));
    await seedLeads(waiting, [makeLead({ id: 'l-2' })]);
    await enqueue(waiting, 'note', 'l-2', { body: 'for the hub, from u-waiting' });
    const mine = new ReplicaDb(replicaName(hub, 'u-now'));
    await seedLeads(mine, [makeLead({ id: 'l-3' })]);
    const unrelated = new Dexie('something-else');
    unrelated.version(1).stores({ things: 'id' });
    await unrelated.open();
    [left, waiting, mine].forEach((db) => db.close());

    // (other test files' replicas may share this IndexedDB: only these three are looked at)
    const kept = new KeptOutboxDb('tidy-kept');
    const sealedFor: string[] = [];
    const outcome = await tidyOtherReplicas(replicaName(hub, 'u-now'), kept, async (owner, items) => {
      sealedFor.push(`${owner.userId}: ${items.length}`);
      return `sealed for ${owner.userId}`;
    });
    expect(outcome.deleted).toBeGreaterThanOrEqual(2);
    expect(sealedFor).toEqual(['u-waiting: 1']);
    expect(await Dexie.exists(replicaName(hub, 'u-left'))).toBe(false);
    expect(await Dexie.exists(replicaName(hub, 'u-waiting'))).toBe(false);
    expect(await kept.sealed.toArray()).toMatchObject([{ owner: `${hub}:u-waiting`, sealed: 'sealed for u-waiting', count: 1 }]);
    expect(await leadCount(new ReplicaDb(replicaName(hub, 'u-now')))).toBe(1);
    expect(await Dexie.exists('something-else')).toBe(true);
  });

  it('keep an outbox they cannot seal in its emptied replica, as before: nothing is lost', async () => {
    const hub = 'http://hub2.test';
    const waiting = new ReplicaDb(replicaName(hub, 'u-old-app'));
    await seedLeads(waiting, [makeLead({ id: 'l-9' })]);
    await enqueue(waiting, 'note', 'l-9', { body: 'from before the keys' });
    waiting.close();
    const outcome = await tidyOtherReplicas(replicaName(hub, 'u-now'), new KeptOutboxDb('tidy-kept-2'), async () => Promise.reject(new Error('no key for that person')));
    expect(outcome.emptied).toBeGreaterThanOrEqual(1);
    const kept = new ReplicaDb(replicaName(hub, 'u-old-app'));
    expect(await leadCount(kept)).toBe(0);
    expect((await kept.outbox.toArray()).map((item) => item.body)).toEqual([{ body: 'from before the keys' }]);
  });
});
