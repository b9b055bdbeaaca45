import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxSendInput } from '../../src-shared/contract/ipc.contract';
import type { Result } from '../../src-shared/contract/result';
import { enqueue, flushOutbox, OutboxPump } from './outbox';
import { ReplicaDb } from './replica-db';

let n = 0;
const dbs: ReplicaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
function freshDb(): ReplicaDb {
  const db = new ReplicaDb(`outbox-${n++}`);
  dbs.push(db);
  return db;
}

/** A hub double that records what it received, keyed by clientId like the real one. */
function fakeHub() {
  const received = new Map<string, OutboxSendInput>();
  let mode: 'up' | 'down' | 'refuse' | 'outdated' = 'up';
  let refusedOffline = 0;
  const send = async (item: OutboxSendInput): Promise<Result<{ id: string }>> => {
    if (mode === 'down') {
      refusedOffline++;
      return { ok: false, error: { code: 'hub_unreachable', message: 'offline' } };
    }
    if (mode === 'outdated') return { ok: false, error: { code: 'update_required', message: 'Update required: …' } };
    if (mode === 'refuse' && item.kind === 'call') return { ok: false, error: { code: 'lead_closed', message: 'This lead is closed.' } };
    received.set(item.clientId, item);
    return { ok: true, value: { id: item.clientId } };
  };
  return { received, send, set: (next: typeof mode) => (mode = next), refusedOffline: () => refusedOffline };
}

describe('outbox', () => {
  it('keeps items while the hub is away and sends them in order, once, when it is back', async () => {
    const db = freshDb();
    const hub = fakeHub();
    hub.set('down');
    const first = await enqueue(db, 'note', '1', { body: 'first' });
    const second = await enqueue(db, 'note', '1', { body: 'second' });
    expect(await flushOutbox(db, hub.send)).toEqual({ sent: 0, failed: 0, stalled: true });
    expect(await db.outbox.count()).toBe(2);
    hub.set('up');
    expect(await flushOutbox(db, hub.send)).toEqual({ sent: 2, failed: 0, stalled: false });
    expect([...hub.received.keys()]).toEqual([first.clientId, second.clientId]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps items while the hub waits for this app\'s update, and sends them from the updated app', async () => {
    const db = freshDb();
    const hub = fakeHub();
    hub.set('outdated');
    const note = await enqueue(db, 'note', '1', { body: 'written before the update' });
    expect(await flushOutbox(db, hub.send)).toEqual({ sent: 0, failed: 0, stalled: true });
    expect(await db.outbox.toArray()).toMatchObject([{ clientId: note.clientId, status: 'pending' }]);
    hub.set('up');
    expect(await flushOutbox(db, hub.send)).toEqual({ sent: 1, failed: 0, stalled: false });
    expect(hub.received.has(note.clientId)).toBe(true);
  });

  it('a final refusal marks the item failed with the hub\'s message and does not block the others', async () => {
    const db = freshDb();
    const hub = fakeHub();
    hub.set('refuse');
    await enqueue(db, 'call', '1', { durationMin: 1, result: 'busy', summary: '' });
    const note = await enqueue(db, 'note', '1', { body: 'after' });
    expect(await flushOutbox(db, hub.send)).toEqual({ sent: 1, failed: 1, stalled: false });
    expect(hub.received.has(note.clientId)).toBe(true);
    const failed = await db.outbox.toArray();
    expect(failed).toMatchObject([{ status: 'failed', lastError: 'This lead is closed.' }]);
  });

  it('a restart mid-send sends the same clientId again, so the hub records it once', async () => {
    const db = freshDb();
    const hub = fakeHub();
    const item = await enqueue(db, 'note', '1', { body: 'once' });
    // The hub recorded it but the answer was lost: the item is still in the outbox.
    await hub.send({ kind: item.kind, leadId: item.leadId, clientId: item.clientId, body: item.body });
    const reopened = new ReplicaDb(db.name);
    dbs.push(reopened);
    await flushOutbox(reopened, hub.send);
    expect(hub.received.size).toBe(1);
    expect(await reopened.outbox.count()).toBe(0);
  });

  it('the pump retries with backoff until the hub is back', async () => {
    const db = freshDb();
    const hub = fakeHub();
    hub.set('down');
    await enqueue(db, 'note', '1', { body: 'eventually' });
    const pump = new OutboxPump(db, hub.send, [10]);
    pump.kick();
    // A first try and a retry found the hub away.
    await expect.poll(() => hub.refusedOffline()).toBeGreaterThanOrEqual(2);
    hub.set('up');
    await expect.poll(() => hub.received.size).toBe(1);
    pump.stop();
  });

  it('a flush asked for while the pump sends (sign-out) waits for it: each item is sent once', async () => {
    const db = freshDb();
    await enqueue(db, 'note', '1', { body: 'once' });
    const sent: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const pump = new OutboxPump(db, async (item) => {
      sent.push(item.clientId);
      await held; // the hub is slow to answer the pump's send
      return { ok: true, value: { id: item.clientId } };
    });
    pump.kick();
    await expect.poll(() => sent.length).toBe(1);
    const signOutFlush = pump.flushNow();
    release();
    expect(await signOutFlush).toEqual({ sent: 0, failed: 0, stalled: false });
    expect(sent).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    pump.stop();
  });
});
