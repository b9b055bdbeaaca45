import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/contract/entities.schema';
import { exampleActivity, exampleMessage } from '../../src-shared/contract/contract-examples.fixture';
import { freshReplicas } from './fresh-replicas.fixture';
import { deleteHistory, HISTORY_CHUNK_LEADS, historyTables, readHistory, readLeadHistory } from './history-store';
import { seedHistory } from './history-store.fixture';
import { spyOnTable } from './dbcore-spy.fixture';
import { ReplicaDb } from './replica-db';

const freshDb = freshReplicas('history-store-test');
const leadId = (i: number) => `lead-${String(i).padStart(4, '0')}`;
const message = (lead: number, k: number, patch: Partial<Message> = {}): Message => ({
  ...exampleMessage,
  id: `m-${lead}-${k}`,
  leadId: leadId(lead),
  createdAt: new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString(),
  ...patch,
});

/** Counts the chunk records read from one store (by key or in bulk). */
function countChunkReads(db: ReplicaDb, tableName: string): { read: number } {
  const counter = { read: 0 };
  spyOnTable(db, tableName, (table) => ({
    get: (request) => ((counter.read += 1), table.get(request)),
    getMany: (request) => ((counter.read += request.keys.length), table.getMany(request)),
    query: (request) => table.query(request).then((answer) => ((counter.read += answer.result.length), answer)),
  }));
  return counter;
}

describe('the history store', () => {
  it("keeps each lead's rows in one list, in the kind's order, across chunks", async () => {
    const db = freshDb();
    const leads = HISTORY_CHUNK_LEADS + 3;
    await seedHistory(db, { messages: Array.from({ length: leads }, (_, i) => [message(i, 2), message(i, 1)]).flat() });
    expect((await db.chatterHeads.toArray()).map((head) => head.ids.length)).toEqual([HISTORY_CHUNK_LEADS, 3]);
    // A later page's message joins its lead's list in the full chunk; a message sent again replaces itself.
    await seedHistory(db, { messages: [message(7, 0), message(7, 2, { body: 'Edited' })] });
    const chatter = await readHistory(db, 'messages');
    expect(chatter.of(leadId(7)).map((each) => [each.id, each.body])).toEqual([
      ['m-7-0', exampleMessage.body],
      ['m-7-1', exampleMessage.body],
      ['m-7-2', 'Edited'],
    ]);
    expect(chatter.all()).toHaveLength(leads * 2 + 1);
    expect(await readLeadHistory(db, 'messages', leadId(HISTORY_CHUNK_LEADS + 2))).toHaveLength(2);
    expect(await readLeadHistory(db, 'messages', 'not-here')).toEqual([]);
  });

  it("reads one lead's rows from its own chunk only (a lead form does not read the whole pipeline's chatter)", async () => {
    const db = freshDb();
    await seedHistory(db, { messages: Array.from({ length: HISTORY_CHUNK_LEADS * 3 }, (_, i) => message(i, 1)) });
    // Another window of the same replica: it holds nothing yet.
    const other = new ReplicaDb(db.name);
    const reads = countChunkReads(other, 'chatterChunks');
    try {
      expect((await readLeadHistory(other, 'messages', leadId(HISTORY_CHUNK_LEADS + 5))).map((each) => each.id)).toEqual([`m-${HISTORY_CHUNK_LEADS + 5}-1`]);
      expect(reads.read).toBe(1);
      // Read again with nothing changed: the chunk that window holds is used.
      await readLeadHistory(other, 'messages', leadId(HISTORY_CHUNK_LEADS + 6));
      expect(reads.read).toBe(1);
    } finally {
      other.close();
    }
  });

  it('keeps what a window wrote: its readers and its next write do not read those chunks back', async () => {
    const db = freshDb();
    const reads = countChunkReads(db, 'chatterChunks');
    await seedHistory(db, { messages: Array.from({ length: HISTORY_CHUNK_LEADS + 10 }, (_, i) => message(i, 1)) });
    expect((await readHistory(db, 'messages')).all()).toHaveLength(HISTORY_CHUNK_LEADS + 10);
    // A new message for a stored lead and one for a new lead (joining the last chunk): both chunks come from memory.
    await seedHistory(db, { messages: [message(3, 2), message(HISTORY_CHUNK_LEADS + 20, 1)] });
    expect((await readHistory(db, 'messages')).of(leadId(3))).toHaveLength(2);
    expect(reads.read).toBe(0);
  });

  it('keeps the lists of unchanged leads as the same arrays, so a board fed by them does not render again', async () => {
    const db = freshDb();
    await seedHistory(db, { activities: Array.from({ length: HISTORY_CHUNK_LEADS + 1 }, (_, i) => ({ ...exampleActivity, id: `a-${i}`, leadId: leadId(i) })) });
    const before = await readHistory(db, 'activities');
    // Another lead of the same chunk changes, and a lead of the other chunk.
    await seedHistory(db, { activities: [{ ...exampleActivity, id: 'a-1', leadId: leadId(1), done: true }, { ...exampleActivity, id: 'a-new', leadId: leadId(HISTORY_CHUNK_LEADS) }] });
    const after = await readHistory(db, 'activities');
    expect(after).not.toBe(before);
    expect(after.of(leadId(2))).toBe(before.of(leadId(2)));
    expect(after.of(leadId(1))).not.toBe(before.of(leadId(1)));
    expect(after.of(leadId(1))[0]?.done).toBe(true);
    expect(after.of(leadId(HISTORY_CHUNK_LEADS))).toHaveLength(2);
    // Nothing changed since: the very same index.
    expect(await readHistory(db, 'activities')).toBe(after);
  });

  it('wakes a live query of a kind when that kind is written, and removes every row of removed leads', async () => {
    const db = freshDb();
    await seedHistory(db, { messages: [message(1, 1), message(2, 1)], callLogs: [], activities: [{ ...exampleActivity, leadId: leadId(1) }] });
    const seen: number[] = [];
    const subscription = liveQuery(async () => (await readHistory(db, 'messages')).all().length).subscribe((count) => seen.push(count));
    try {
      await expect.poll(() => seen).toEqual([2]);
      await db.transaction('rw', historyTables(db), async () => deleteHistory(db, [leadId(1)]));
      await expect.poll(() => seen).toEqual([2, 1]);
      expect((await readHistory(db, 'activities')).all()).toEqual([]);
      // The emptied chunk went with its head.
      expect(await db.activityHeads.count()).toBe(0);
      expect(await db.activityChunks.count()).toBe(0);
    } finally {
      subscription.unsubscribe();
    }
  });
});
