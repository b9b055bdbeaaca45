import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleLead, exampleMessage, exampleStage } from '../../src-shared/contract/contract-examples.fixture';
import { applyOnTop } from './apply-sync-page.fixture';
import { storedHistory } from './history-store.fixture';
import { readLeads } from './lead-store';
import { ReplicaDb } from './replica-db';
import { shippedReplica } from './shipped-schemas.fixture';

const CHUNKED = ['leadChunks', 'leadHeads', 'chatterChunks', 'chatterHeads', 'callChunks', 'callHeads', 'activityChunks', 'activityHeads'];
const dbs: ReplicaDb[] = [];
let n = 0;
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function open(name: string): ReplicaDb {
  const db = new ReplicaDb(name);
  dbs.push(db);
  return db;
}

/** Each chunked store's key path as IndexedDB holds it (null: keys out of line). */
async function keyPaths(db: ReplicaDb): Promise<Record<string, unknown>> {
  await db.open();
  const transaction = db.backendDB().transaction(CHUNKED, 'readonly');
  return Object.fromEntries(CHUNKED.map((store) => [store, transaction.objectStore(store).keyPath]));
}

describe('the replica schema', () => {
  it('keeps chunk records and heads under out-of-line keys (Chromium copies a value to read an in-line key)', async () => {
    const db = open(`replica-db-${n++}`);
    expect(await keyPaths(db)).toEqual(Object.fromEntries(CHUNKED.map((store) => [store, null])));
    await applyOnTop(db, { cursor: 'c1', hasMore: false, reset: false, leads: [exampleLead], removedLeadIds: [], messages: [exampleMessage], callLogs: [], activities: [], stages: [exampleStage], users: [], dealerships: [], wholeLeadIds: [exampleLead.id] });
    expect((await readLeads(db)).get(exampleLead.id)?.ref).toBe(exampleLead.ref);
    expect((await storedHistory(db, 'messages')).map((message) => message.id)).toEqual([exampleMessage.id]);
    expect(await db.leadChunks.toCollection().primaryKeys()).toEqual([(await db.leadChunks.toArray())[0]?.id]);
  });

  it("moves a version 12 replica's chunks under out-of-line keys, every record kept, and drops the copies", async () => {
    const name = `replica-db-${n++}`;
    const v12 = shippedReplica(name, 12);
    const records = (prefix: string) => [1, 2].map((i) => ({ id: `c0000000${i}`, version: `${prefix}-v${i}`, leads: [{ id: `${prefix}-${i}` }] }));
    for (const store of CHUNKED) await v12.table(store).bulkPut(records(store));
    await v12.table('meta').put({ key: 'cursor', value: 'kept' });
    v12.close();

    const db = open(name);
    expect(await keyPaths(db)).toEqual(Object.fromEntries(CHUNKED.map((store) => [store, null])));
    for (const store of CHUNKED) expect(await db.table(store).toArray()).toEqual(records(store));
    expect(await db.table('leadChunks').get('c00000002')).toEqual(records('leadChunks')[1]);
    expect(db.tables.map((table) => table.name).filter((table) => table.endsWith('Aside'))).toEqual([]);
    expect((await db.meta.get('cursor'))?.value).toBe('kept');
  });
});
