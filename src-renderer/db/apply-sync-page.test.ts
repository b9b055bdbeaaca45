import 'fake-indexeddb/auto';
import Dexie, { liveQuery, type DBCoreMutateRequest } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { exampleActivity, exampleCallLog, exampleLead, exampleMessage, exampleStage, exampleUser } from '../../src-shared/contract/contract-examples.fixture';
import { applySyncPage, dropOldClosedLeads, ReplicaOutOfStepError, replicaCursor, resetReplica } from './apply-sync-page';
import { applyOnTop } from './apply-sync-page.fixture';
import { loadOwnOpenLeads } from '../features/shell/reassigned-away';
import { ReplicaDb } from './replica-db';
import { shippedReplica } from './shipped-schemas.fixture';
import { readLeads } from './lead-store';
import { storedLeads } from './lead-store.fixture';
import { readWholeLeads } from './whole-leads';
import { HISTORY_CHUNK_LEADS, readHistory } from './history-store';
import { storedHistory } from './history-store.fixture';
import { spyOnTable } from './dbcore-spy.fixture';

const empty: SyncPage = { cursor: 'c0', hasMore: false, reset: false, leads: [], removedLeadIds: [], messages: [], callLogs: [], activities: [], stages: [], users: [], dealerships: [] };
let n = 0;
const dbs: ReplicaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
function freshDb(): ReplicaDb {
  const db = new ReplicaDb(`test-${n++}`);
  dbs.push(db);
  return db;
}

/** Every message the replica holds, by id. */
async function messageIds(db: ReplicaDb): Promise<string[]> {
  return (await storedHistory(db, 'messages')).map((message) => message.id);
}

/** Calls `onWrite` with each write request to one table, before it goes down. */
function onWrites(db: ReplicaDb, tableName: string, onWrite: (request: DBCoreMutateRequest) => void): void {
  spyOnTable(db, tableName, (table) => ({ mutate: (request) => (onWrite(request), table.mutate(request)) }));
}

/** Counts the chunk records (lead-store.ts) each write of leads carries. */
function countLeadWrites(db: ReplicaDb): { written: number } {
  const counter = { written: 0 };
  onWrites(db, 'leadChunks', (request) => (counter.written += request.type === 'put' || request.type === 'add' ? request.values.length : 0));
  return counter;
}

describe('applying a sync page', () => {
  it('applies a page only onto the cursor it follows: another cursor is refused, nothing written', async () => {
    const db = freshDb();
    await applySyncPage(db, { ...empty, cursor: 'c1', stages: [exampleStage], leads: [exampleLead] }, null);
    await expect(applySyncPage(db, { ...empty, cursor: 'c3', leads: [{ ...exampleLead, id: 'late', ref: 'LEAD/2026/00098' }] }, 'c2')).rejects.toBeInstanceOf(ReplicaOutOfStepError);
    await expect(applySyncPage(db, { ...empty, cursor: 'c2' }, null)).rejects.toThrow('follows cursor (none: from the start) but the replica is at c1');
    expect(await replicaCursor(db)).toBe('c1');
    expect((await readLeads(db)).all().map((lead) => lead.id)).toEqual([exampleLead.id]);
  });

  it('applies pages handed over one after the other without waiting in the order handed over; one after a failed page is refused', async () => {
    const db = freshDb();
    // Only the third page writes activities: its write fails.
    onWrites(db, 'activityChunks', () => {
      throw new Error('disk full');
    });
    const second = { ...exampleLead, id: 'second', ref: 'LEAD/2026/00097' };
    await Promise.all([
      applySyncPage(db, { ...empty, cursor: 'c1', stages: [exampleStage], leads: [exampleLead] }, null),
      applySyncPage(db, { ...empty, cursor: 'c2', leads: [second] }, 'c1'),
    ]);
    expect(await replicaCursor(db)).toBe('c2');
    // A page that fails leaves the cursor where it was, so the page handed over after it is refused instead of
    // applied over the gap.
    const failing = applySyncPage(db, { ...empty, cursor: 'c3', activities: [exampleActivity] }, 'c2');
    const after = applySyncPage(db, { ...empty, cursor: 'c4', leads: [{ ...exampleLead, id: 'fourth', ref: 'LEAD/2026/00096' }] }, 'c3');
    await expect(failing).rejects.toThrow('disk full');
    await expect(after).rejects.toBeInstanceOf(ReplicaOutOfStepError);
    expect(await replicaCursor(db)).toBe('c2');
    expect((await readLeads(db)).all().map((lead) => lead.id).sort()).toEqual([exampleLead.id, 'second'].sort());
  });

  it('writes only the leads of a change page that differ from the stored rows', async () => {
    const db = freshDb();
    const writes = countLeadWrites(db);
    const other = { ...exampleLead, id: 'other', ref: 'LEAD/2026/00099' };
    await applyOnTop(db, { ...empty, stages: [exampleStage], leads: [exampleLead, other] });
    expect(writes.written).toBe(1);
    // A note on a lead: the hub sends the lead too, unchanged; only the note is new.
    await applyOnTop(db, { ...empty, cursor: 'c1', leads: [exampleLead], messages: [{ ...exampleMessage, id: 'm-new' }] });
    expect(writes.written).toBe(1);
    expect(await messageIds(db)).toContain('m-new');
    await applyOnTop(db, { ...empty, cursor: 'c2', leads: [exampleLead, { ...other, version: other.version + 1, vehicleModel: 'Renamed' }] });
    expect(writes.written).toBe(2);
    expect((await readLeads(db)).get('other')?.vehicleModel).toBe('Renamed');
    expect(await replicaCursor(db)).toBe('c2');
  });

  it('does not wake a query of the own leads when a page changes none of them (only the cursor)', async () => {
    const db = freshDb();
    const mine = { ...exampleLead, userId: exampleUser.id };
    await applyOnTop(db, { ...empty, stages: [exampleStage], users: [exampleUser], leads: [mine, { ...mine, id: 'second', ref: 'LEAD/2026/00098' }] });
    const seen: Array<number | null> = [];
    const subscription = liveQuery(() => loadOwnOpenLeads(db, exampleUser.id)).subscribe((own) => seen.push(own?.size ?? null));
    try {
      await expect.poll(() => seen).toEqual([2]);
      await applyOnTop(db, { ...empty, cursor: 'c1', leads: [mine], messages: [{ ...exampleMessage, id: 'm-note' }] });
      // The positive signal: a later page that does change the own leads is seen, and nothing came before it.
      await applyOnTop(db, { ...empty, cursor: 'c2', removedLeadIds: ['second'] });
      await expect.poll(() => seen.at(-1)).toBe(1);
      expect(seen).toEqual([2, 1]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('lets the board read the leads while a history page is written (the page holds only the stores it writes)', async () => {
    const db = freshDb();
    const finished: string[] = [];
    // The board's read starts once the history page's transaction is writing its messages.
    let read: Promise<unknown> | undefined;
    onWrites(db, 'chatterChunks', () => (read ??= Dexie.ignoreTransaction(() => readLeads(db)).then(() => finished.push('leads read'))));
    await applyOnTop(db, { ...empty, stages: [exampleStage], leads: [exampleLead] });
    const messages = Array.from({ length: 2000 }, (_, i) => ({ ...exampleMessage, id: `m-${i}` }));
    await applyOnTop(db, { ...empty, cursor: 'c1', messages, wholeLeadIds: [exampleLead.id] }).then(() => finished.push('history page'));
    await read;
    expect(finished).toEqual(['leads read', 'history page']);
    expect(await messageIds(db)).toHaveLength(2000);
  });

  it("keeps each lead's messages as one list: new messages join it oldest first, a message sent again replaces itself", async () => {
    const db = freshDb();
    const note = (id: string, createdAt: string, body = 'Note') => ({ ...exampleMessage, id, kind: 'note' as const, body, createdAt, tracking: undefined });
    await applyOnTop(db, { ...empty, leads: [exampleLead], messages: [note('m-b', '2026-02-02T09:00:00Z'), note('m-a', '2026-02-01T09:00:00Z')] });
    await applyOnTop(db, { ...empty, cursor: 'c1', messages: [note('m-c', '2026-02-03T09:00:00Z'), note('m-a', '2026-02-01T09:00:00Z', 'Edited')] });
    const chatter = await readHistory(db, 'messages');
    expect([...chatter.leadIds()]).toEqual([exampleLead.id]);
    expect(chatter.of(exampleLead.id).map((message) => [message.id, message.body])).toEqual([
      ['m-a', 'Edited'],
      ['m-b', 'Note'],
      ['m-c', 'Note'],
    ]);
  });

  it('writes a history page of many leads as a few records per kind, not one per lead or row', async () => {
    const db = freshDb();
    const puts = { chatterChunks: 0, callChunks: 0, activityChunks: 0 };
    for (const table of Object.keys(puts) as Array<keyof typeof puts>) onWrites(db, table, (request) => (puts[table] += request.type === 'put' ? request.values.length : 0));
    const leadIds = Array.from({ length: HISTORY_CHUNK_LEADS + 10 }, (_, i) => `lead-${String(i).padStart(4, '0')}`);
    await applyOnTop(db, {
      ...empty,
      wholeLeadIds: leadIds,
      messages: leadIds.flatMap((leadId) => [1, 2, 3].map((k) => ({ ...exampleMessage, id: `m-${leadId}-${k}`, leadId }))),
      callLogs: leadIds.map((leadId) => ({ ...exampleCallLog, id: `c-${leadId}`, leadId })),
      activities: leadIds.map((leadId) => ({ ...exampleActivity, id: `a-${leadId}`, leadId })),
    });
    // Two chunks per kind (a full one and the rest), each written once.
    expect(puts).toEqual({ chatterChunks: 2, callChunks: 2, activityChunks: 2 });
    expect(await messageIds(db)).toHaveLength(leadIds.length * 3);
    expect((await readHistory(db, 'callLogs')).of('lead-0007').map((call) => call.id)).toEqual(['c-lead-0007']);
    // A later note on one lead rewrites its chunk of chatter only.
    await applyOnTop(db, { ...empty, cursor: 'c1', messages: [{ ...exampleMessage, id: 'm-new', leadId: 'lead-0003' }] });
    expect(puts).toEqual({ chatterChunks: 3, callChunks: 2, activityChunks: 2 });
    expect((await readHistory(db, 'messages')).of('lead-0003')).toHaveLength(4);
  });

  it('upserts everything and stores the cursor in the same transaction', async () => {
    const db = freshDb();
    await applyOnTop(db, { ...empty, cursor: 'c1', leads: [exampleLead], messages: [exampleMessage], callLogs: [exampleCallLog], activities: [exampleActivity], stages: [exampleStage], users: [exampleUser] });
    // stored with its Open Leads pool key (unclaimed, open stage): see pool-index.test.ts
    expect((await readLeads(db)).get(exampleLead.id)).toEqual({ ...exampleLead, pool: exampleLead.brand });
    expect(await messageIds(db)).toHaveLength(1);
    expect(await replicaCursor(db)).toBe('c1');
    await applyOnTop(db, { ...empty, cursor: 'c2', leads: [{ ...exampleLead, version: exampleLead.version + 1 }] });
    expect((await readLeads(db)).get(exampleLead.id)?.version).toBe(exampleLead.version + 1);
    expect(await messageIds(db)).toHaveLength(1);
    expect(await replicaCursor(db)).toBe('c2');
  });

  it('deletes removed leads with their messages, call logs and activities', async () => {
    const db = freshDb();
    const other = { ...exampleLead, id: 'other', ref: 'LEAD/2026/00099' };
    await applyOnTop(db, { ...empty, leads: [exampleLead, other], messages: [exampleMessage, { ...exampleMessage, id: 'm2', leadId: 'other' }], callLogs: [exampleCallLog], activities: [exampleActivity] });
    await applyOnTop(db, { ...empty, cursor: 'c3', removedLeadIds: [exampleLead.id] });
    expect((await storedLeads(db)).map((lead) => lead.id)).toEqual(['other']);
    expect(await messageIds(db)).toEqual(['m2']);
    expect(await storedHistory(db, 'callLogs')).toEqual([]);
    expect(await storedHistory(db, 'activities')).toEqual([]);
  });

  it('leaves nothing behind when the transaction fails: page and cursor together or not at all', async () => {
    const db = freshDb();
    // The page's last write fails (its activities), after its leads and messages were written in the same transaction.
    onWrites(db, 'activityChunks', () => {
      throw new Error('disk full');
    });
    await applyOnTop(db, { ...empty, cursor: 'before', leads: [exampleLead] });
    const broken = { ...empty, cursor: 'after', leads: [{ ...exampleLead, id: 'new-one' }], messages: [exampleMessage], activities: [exampleActivity] };
    await expect(applyOnTop(db, broken)).rejects.toThrow('disk full');
    expect(await replicaCursor(db)).toBe('before');
    expect((await readLeads(db)).get('new-one')).toBeUndefined();
    expect(await messageIds(db)).toEqual([]);
  });

  it('reset drops the replica but keeps the outbox', async () => {
    const db = freshDb();
    await applyOnTop(db, { ...empty, cursor: 'c', leads: [exampleLead], stages: [exampleStage] });
    await db.outbox.add({ clientId: 'x', kind: 'note', leadId: exampleLead.id, body: { body: 'hi' }, status: 'pending', attempts: 0, lastError: null, createdAt: '2026-11-23T09:00:00Z' });
    await resetReplica(db);
    expect((await readLeads(db)).size).toBe(0);
    expect(await replicaCursor(db)).toBeNull();
    expect(await db.outbox.count()).toBe(1);
  });

  it('drops the user\'s closed leads older than 90 days', async () => {
    const db = freshDb();
    const won = { ...exampleStage, id: 'won', isWon: true };
    const old = { ...exampleLead, id: 'old', userId: 'u1', stageId: 'won', updatedAt: '2026-07-01T00:00:00.000Z' };
    const recent = { ...exampleLead, id: 'recent', userId: 'u1', stageId: 'won', updatedAt: '2026-11-01T00:00:00.000Z' };
    const open = { ...exampleLead, id: 'open', userId: 'u1', stageId: exampleStage.id, updatedAt: '2026-01-01T00:00:00.000Z' };
    await applyOnTop(db, { ...empty, stages: [exampleStage, won], leads: [old, recent, open], messages: [{ ...exampleMessage, leadId: 'old' }] });
    expect(await dropOldClosedLeads(db, 'u1', new Date('2026-11-23T00:00:00Z'))).toBe(1);
    expect((await storedLeads(db)).map((lead) => lead.id)).toEqual(['open', 'recent']);
    expect(await messageIds(db)).toHaveLength(0);
  });
});

describe('leads held whole (lazy history)', () => {
  const wholeIds = async (db: ReplicaDb) => [...(await readWholeLeads(db))].sort();

  it('marks the leads a page brings whole, and only those: lead rows alone are not', async () => {
    const db = freshDb();
    const other = { ...exampleLead, id: 'other', ref: 'LEAD/2026/00099' };
    await applyOnTop(db, { ...empty, leads: [exampleLead, other] });
    expect(await wholeIds(db)).toEqual([]);
    await applyOnTop(db, { ...empty, wholeLeadIds: [exampleLead.id], messages: [exampleMessage], activities: [exampleActivity] });
    expect(await wholeIds(db)).toEqual([exampleLead.id]);
    // a page of a hub before lazy history names nothing
    await applyOnTop(db, { ...empty, leads: [other] });
    expect(await wholeIds(db)).toEqual([exampleLead.id]);
  });

  it('forgets the mark with the lead (removed, reset): a lead coming back must arrive whole again', async () => {
    const db = freshDb();
    await applyOnTop(db, { ...empty, leads: [exampleLead], wholeLeadIds: [exampleLead.id] });
    await applyOnTop(db, { ...empty, removedLeadIds: [exampleLead.id] });
    expect(await wholeIds(db)).toEqual([]);
    await applyOnTop(db, { ...empty, leads: [exampleLead], wholeLeadIds: [exampleLead.id] });
    await resetReplica(db);
    expect(await wholeIds(db)).toEqual([]);
  });

  it('holds every lead of a version 3 replica whole (it synced every lead with its history)', async () => {
    const name = `whole-upgrade-${n++}`;
    const v3 = shippedReplica(name, 3);
    await v3.table('leads').bulkPut([exampleLead, { ...exampleLead, id: 'other', ref: 'LEAD/2026/00099' }]);
    const later = { ...exampleMessage, id: 'm-later', createdAt: '2026-02-01T09:00:00Z' };
    await v3.table('messages').bulkPut([later, exampleMessage, { ...exampleMessage, id: 'm-other', leadId: 'other' }]);
    await v3.table('callLogs').bulkPut([exampleCallLog]);
    v3.close();
    const upgraded = new ReplicaDb(name);
    dbs.push(upgraded);
    expect(upgraded.verno).toBe(16);
    // Its messages moved into one list per lead, oldest first (through the chatter records of versions 5–10, then
    // the history chunks of 11); the old tables are gone.
    const chatter = await readHistory(upgraded, 'messages');
    expect([exampleLead.id, 'other'].map((id) => [id, chatter.of(id).map((message) => message.id)])).toEqual([
      [exampleLead.id, [exampleMessage.id, 'm-later']],
      ['other', ['m-other']],
    ]);
    expect(upgraded.tables.map((table) => table.name)).not.toContain('messages');
    expect(upgraded.tables.map((table) => table.name)).not.toContain('chatter');
    expect((await readHistory(upgraded, 'callLogs')).of(exampleCallLog.leadId)).toEqual([exampleCallLog]);
    expect(upgraded.tables.map((table) => table.name)).not.toContain('callLogs');
    expect(await wholeIds(upgraded)).toEqual([exampleLead.id, 'other'].sort());
    // The leads moved into chunks (lead-store.ts); the old table is gone.
    expect(upgraded.tables.map((table) => table.name)).not.toContain('leads');
    expect((await storedLeads(upgraded)).map((lead) => lead.id)).toEqual([exampleLead.id, 'other'].sort());
    expect((await readLeads(upgraded)).ofUser(exampleLead.userId ?? '')).toHaveLength(exampleLead.userId ? 2 : 0);
  });
});
