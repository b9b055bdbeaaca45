import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { makeLead } from '../features/lead-form/lead-form.fixture';
import { enqueue } from './outbox';
import { tidyOtherReplicas } from './other-replicas';
import { ReplicaDb, replicaName } from './replica-db';

describe('replicas other people left on the workstation', () => {
  it('lose their customers when someone else signs in: deleted, or only the outbox kept for its own person', async () => {
    const hub = 'http://hub.test';
    const left = new ReplicaDb(replicaName(hub, 'u-left'));
    await left.leads.add(makeLead({ id: 'l-1' }));
    const waiting = new ReplicaDb(replicaName(hub, 'u-waiting'));
    await waiting.leads.add(makeLead({ id: 'l-2' }));
    await enqueue(waiting, 'note', 'l-2', { body: 'for the hub, from u-waiting' });
    const mine = new ReplicaDb(replicaName(hub, 'u-now'));
    await mine.leads.add(makeLead({ id: 'l-3' }));
    const unrelated = new Dexie('something-else');
    unrelated.version(1).stores({ things: 'id' });
    await unrelated.open();
    [left, waiting, mine].forEach((db) => db.close());

    // (other test files' replicas may share this IndexedDB: only these three are looked at)
    const outcome = await tidyOtherReplicas(replicaName(hub, 'u-now'));
    expect(outcome.deleted).toBeGreaterThanOrEqual(1);
    expect(outcome.emptied).toBeGreaterThanOrEqual(1);
    expect(await Dexie.exists(replicaName(hub, 'u-left'))).toBe(false);
    const kept = new ReplicaDb(replicaName(hub, 'u-waiting'));
    expect(await kept.leads.count()).toBe(0);
    expect((await kept.outbox.toArray()).map((item) => item.body)).toEqual([{ body: 'for the hub, from u-waiting' }]);
    expect(await new ReplicaDb(replicaName(hub, 'u-now')).leads.count()).toBe(1);
    expect(await Dexie.exists('something-else')).toBe(true);
  });
});
