import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src-shared/contract/entities.schema';
import { exampleLead } from '../../src-shared/contract/contract-examples.fixture';
import { defaultStages } from '../../src-shared/domain/stages.fixture';
import { CHUNK_LEADS, deleteLeadRows, modifyLeadRows, putLeadRows, readLeads } from './lead-store';
import { seedLeads, storedLeads } from './lead-store.fixture';
import type { ReplicaLead } from './pool-key';
import type { ReplicaDb } from './replica-db';
import { shippedReplica } from './shipped-schemas.fixture';
import { freshReplicas } from './fresh-replicas.fixture';

const lead = (id: number, patch: Partial<ReplicaLead> = {}): ReplicaLead => ({
  ...exampleLead,
  id: String(id),
  ref: `LEAD/2026/${String(id).padStart(5, '0')}`,
  createdAt: new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString(),
  ...patch,
});

let n = 0;
const freshDb = freshReplicas('lead-store-test');
const inTransaction = <T>(db: ReplicaDb, work: () => Promise<T>) => db.transaction('rw', [db.leadChunks, db.leadHeads], work);

describe('the lead store', () => {
  it('keeps thousands of leads in a few records, each lead in exactly one, and answers them all', async () => {
    const db = freshDb();
    const leads = Array.from({ length: CHUNK_LEADS * 2 + 7 }, (_, i) => lead(i + 1));
    await seedLeads(db, leads.slice(0, 600));
    await seedLeads(db, leads.slice(600));
    const heads = await db.leadHeads.toArray();
    expect(heads.map((head) => head.ids.length)).toEqual([CHUNK_LEADS, CHUNK_LEADS, 7]);
    expect(new Set(heads.flatMap((head) => head.ids)).size).toBe(leads.length);
    expect(await storedLeads(db)).toEqual([...leads].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect((await readLeads(db)).get('1007')).toEqual(leads[1006]);
  });

  it('replaces a stored lead where it is, and removes leads (an emptied chunk goes)', async () => {
    const db = freshDb();
    await seedLeads(db, Array.from({ length: CHUNK_LEADS + 2 }, (_, i) => lead(i + 1)));
    await inTransaction(db, () => putLeadRows(db, [lead(3, { vehicleModel: 'Fortuner', version: 2 }), lead(999_999)]));
    const index = await readLeads(db);
    expect(index.size).toBe(CHUNK_LEADS + 3);
    expect(index.get('3')).toMatchObject({ vehicleModel: 'Fortuner', version: 2 });
    expect((await db.leadHeads.toArray()).map((head) => head.ids.length)).toEqual([CHUNK_LEADS, 3]);
    expect(index.get('nope')).toBeUndefined();

    await inTransaction(db, () => deleteLeadRows(db, [String(CHUNK_LEADS + 1), String(CHUNK_LEADS + 2), '999999', 'unknown']));
    expect(await db.leadHeads.count()).toBe(1);
    expect((await readLeads(db)).size).toBe(CHUNK_LEADS);
  });

  it('answers a user\'s leads and the pool by brand, oldest first with equal times by id', async () => {
    const db = freshDb();
    const same = '2026-02-01T00:00:00.000Z';
    await seedLeads(db, [
      lead(1, { userId: 'u1' }),
      lead(2, { userId: null, pool: 'Toyota', createdAt: same }),
      lead(3, { userId: 'u2' }),
      lead(4, { userId: null, pool: 'Honda' }),
      lead(10, { userId: null, pool: 'Toyota', createdAt: same }),
      lead(5, { userId: null, pool: 'Toyota', createdAt: '2026-01-15T00:00:00.000Z' }),
      lead(6, { userId: 'u1' }),
    ]);
    const index = await readLeads(db);
    expect(index.ofUser('u1').map((each) => each.id)).toEqual(['1', '6']);
    expect(index.ofUser('nobody')).toEqual([]);
    expect(index.poolBrands()).toEqual(['Honda', 'Toyota']);
    expect(index.pool('Toyota').map((each) => each.id)).toEqual(['5', '10', '2']);
  });

  it('changes only the chunks that hold a changed lead', async () => {
    const db = freshDb();
    await seedLeads(db, Array.from({ length: CHUNK_LEADS + 1 }, (_, i) => lead(i + 1)));
    const before = await db.leadHeads.toArray();
    await inTransaction(db, () => modifyLeadRows(db, (each) => (each.id === String(CHUNK_LEADS + 1) ? { ...each, pool: 'Toyota' } : undefined)));
    const after = await db.leadHeads.toArray();
    expect(after[0]?.version).toBe(before[0]?.version);
    expect(after[1]?.version).not.toBe(before[1]?.version);
    expect((await readLeads(db)).pool('Toyota').map((each) => each.id)).toEqual([String(CHUNK_LEADS + 1)]);
  });

  it('hands readers the same answers while their leads did not change, and new ones when they did', async () => {
    const db = freshDb();
    await seedLeads(db, [lead(1, { userId: 'u1' }), lead(2, { userId: 'u2' })]);
    const first = await readLeads(db);
    const mine = first.ofUser('u1');
    expect(await readLeads(db)).toBe(first); // nothing written: the very same index
    await seedLeads(db, [lead(2, { userId: 'u2', vehicleModel: 'Hilux', version: 2 })]);
    const second = await readLeads(db);
    expect(second).not.toBe(first);
    expect(second.get('2')?.vehicleModel).toBe('Hilux');
    // u1's lead shares the chunk that was rewritten, but is the same lead: the same answer
    expect(second.ofUser('u1')).toBe(mine);
    await seedLeads(db, [lead(1, { userId: 'u1', vehicleModel: 'Vios GR', version: 2 })]);
    expect((await readLeads(db)).ofUser('u1')).not.toBe(mine);
  });

  it('wakes a live query on any lead write, another window\'s included', async () => {
    const db = freshDb();
    const other = freshDb(db.name);
    await seedLeads(db, [lead(1)]);
    const seen: number[] = [];
    const subscription = liveQuery(async () => (await readLeads(db)).size).subscribe((size) => seen.push(size));
    try {
      await expect.poll(() => seen.at(-1)).toBe(1);
      await seedLeads(other, [lead(2)]);
      await expect.poll(() => seen.at(-1)).toBe(2);
      await other.transaction('rw', [other.leadChunks, other.leadHeads], async () => deleteLeadRows(other, ['1', '2']));
      await expect.poll(() => seen.at(-1)).toBe(0);
    } finally {
      subscription.unsubscribe();
    }
  });

  it("finds a row where another window put it, and writes again a row whose write failed (the homes this window keeps go stale)", async () => {
    const db = freshDb();
    const other = freshDb(db.name);
    await seedLeads(db, [lead(1), lead(2)]);
    // Another window adds lead 3 and changes lead 2: this window's next write of lead 3 replaces it where it is.
    await seedLeads(other, [lead(3), lead(2, { vehicleModel: 'Hilux' })]);
    await seedLeads(db, [lead(3, { vehicleModel: 'Fortuner', version: 2 })]);
    expect((await storedLeads(db)).map((row) => [row.id, row.vehicleModel])).toEqual([
      ['1', exampleLead.vehicleModel],
      ['2', 'Hilux'],
      ['3', 'Fortuner'],
    ]);
    expect((await db.leadHeads.toArray()).flatMap((head) => head.ids).sort()).toEqual(['1', '2', '3']);
    // A write of lead 4 that fails after its chunk was put: the lead is not stored, and the next write stores it.
    await expect(
      inTransaction(db, async () => {
        await putLeadRows(db, [lead(4)]);
        throw new Error('the page failed after its leads');
      }),
    ).rejects.toThrow('the page failed');
    expect((await readLeads(db)).get('4')).toBeUndefined();
    await seedLeads(db, [lead(4, { vehicleModel: 'Vios GR' })]);
    expect((await readLeads(db)).get('4')?.vehicleModel).toBe('Vios GR');
  });

  it('moves the leads of a version 6 replica into chunks, pool keys and all', async () => {
    const name = `lead-store-upgrade-${n++}`;
    const v6 = shippedReplica(name, 6);
    const leads: Lead[] = Array.from({ length: CHUNK_LEADS + 20 }, (_, i) => lead(i + 1, { userId: i % 2 ? 'u1' : null }));
    await v6.table('stages').bulkPut(defaultStages());
    await v6.table('leads').bulkPut(leads.map((each) => (each.userId ? each : { ...each, pool: each.brand })));
    await v6.table('meta').put({ key: 'cursor', value: 'kept' });
    v6.close();

    const db = freshDb(name);
    const index = await readLeads(db);
    expect(db.verno).toBeGreaterThanOrEqual(8);
    expect(db.tables.map((table) => table.name)).not.toContain('leads');
    expect(index.size).toBe(leads.length);
    expect(index.ofUser('u1')).toHaveLength(leads.length / 2);
    expect(index.pool(exampleLead.brand)).toHaveLength(leads.length / 2);
    expect((await db.meta.get('cursor'))?.value).toBe('kept');
  });
});
