import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReplicaDb } from './replica-db';
import { shippedReplica } from './shipped-schemas.fixture';
import { markWhole, readWholeLeads, unmarkWhole } from './whole-leads';
import { freshReplicas } from './fresh-replicas.fixture';

let n = 0;
const freshDb = freshReplicas('whole-leads-test');
const sorted = async (db: ReplicaDb) => [...(await readWholeLeads(db))].sort();

describe('whole-lead marks', () => {
  it('keeps a history page\'s marks in one record, and a lead whole while any set names it', async () => {
    const db = freshDb();
    const page = Array.from({ length: 250 }, (_, i) => `lead-${String(i).padStart(3, '0')}`);
    await markWhole(db, page);
    await markWhole(db, ['lead-000', 'lead-900']);
    expect(await db.wholeLeadSets.count()).toBe(2);
    expect(await sorted(db)).toEqual([...page, 'lead-900'].sort());
    await markWhole(db, []);
    expect(await db.wholeLeadSets.count()).toBe(2);
  });

  it('takes a removed lead out of every set, and drops a set left empty', async () => {
    const db = freshDb();
    await markWhole(db, ['a', 'b']);
    await markWhole(db, ['a']);
    await db.transaction('rw', db.wholeLeadSets, () => unmarkWhole(db, ['a', 'unknown']));
    expect(await sorted(db)).toEqual(['b']);
    expect(await db.wholeLeadSets.count()).toBe(1);
    await db.transaction('rw', db.wholeLeadSets, () => unmarkWhole(db, ['b']));
    expect(await db.wholeLeadSets.count()).toBe(0);
  });

  it('moves the marks of a version 6 replica into sets', async () => {
    const name = `whole-upgrade-${n++}`;
    const v6 = shippedReplica(name, 6);
    const ids = Array.from({ length: 1200 }, (_, i) => `lead-${i}`);
    await v6.table('wholeLeads').bulkPut(ids.map((leadId) => ({ leadId })));
    v6.close();
    const db = freshDb(name);
    expect(await sorted(db)).toEqual([...ids].sort());
    expect(db.tables.map((table) => table.name)).not.toContain('wholeLeads');
    expect(await db.wholeLeadSets.count()).toBe(3);
  });
});
