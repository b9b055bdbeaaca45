import type Dexie from 'dexie';
import type { Table } from 'dexie';
import type { Activity, CallLog, Message } from '../../src-shared/contract/entities.schema';
import { readChunkedRow, readIndex, clearChunked, deleteChunked, upsertChunked, type Chunk, type ChunkHead, type ChunkTables } from './chunk-store';
import { groupBy } from '../../src-shared/group-by';
import { byCreatedThenId } from './created-order';
import { toReplicaActivity, type ReplicaActivity } from './activity-key';

/**
 * The history the replica holds: each lead's messages, call logs and activities, as one list per lead and kind,
 * in chunked stores (chunk-store.ts) of up to HISTORY_CHUNK_LEADS leads. A first sync brings the history of every
 * own lead (10,000 leads × 7 rows in the sync bench): one IndexedDB record per message, call or activity made the
 * own pipeline's history the slowest part of a shift start, while a history page now writes a few records per kind.
 * A chunk holds 100 leads, not 500 like the leads' chunks: a note on a lead rewrites its lead's chunk of chatter
 * (about 130 KB at five messages a lead), and notes come all day long.
 *
 * Writers run inside the caller's transaction over the stores of the kinds they write (`historyTables`).
 */
export const HISTORY_CHUNK_LEADS = 100;

/** One lead's rows of one kind, in the kind's order. `id` is the lead's id. */
export interface LeadList<T> {
  id: string;
  items: T[];
}

export type HistoryChunk<T> = Chunk<LeadList<T>>;

export interface HistoryTables {
  chatterChunks: Table<HistoryChunk<Message>, string>;
  chatterHeads: Table<ChunkHead, string>;
  callChunks: Table<HistoryChunk<CallLog>, string>;
  callHeads: Table<ChunkHead, string>;
  activityChunks: Table<HistoryChunk<ReplicaActivity>, string>;
  activityHeads: Table<ChunkHead, string>;
}

export type HistoryKind = 'messages' | 'callLogs' | 'activities';

interface KindOf {
  messages: Message;
  callLogs: CallLog;
  activities: ReplicaActivity;
}

/** Messages oldest first (as the chatter shows them), call logs too; activities by id (as their index kept them). */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ORDER: { [K in HistoryKind]: (a: KindOf[K], b: KindOf[K]) => number } = {
  messages: byCreatedThenId,
  callLogs: byCreatedThenId,
  activities: byId,
};

export function tablesOfKind<K extends HistoryKind>(db: HistoryTables, kind: K): ChunkTables<LeadList<KindOf[K]>> {
  const tables = {
    messages: { chunks: db.chatterChunks, heads: db.chatterHeads },
    callLogs: { chunks: db.callChunks, heads: db.callHeads },
    activities: { chunks: db.activityChunks, heads: db.activityHeads },
  }[kind];
  return { ...(tables as unknown as Pick<ChunkTables<LeadList<KindOf[K]>>, 'chunks' | 'heads'>), capacity: HISTORY_CHUNK_LEADS };
}

/** The stores that hold these kinds (for a transaction's scope). */
export function historyTables(db: HistoryTables, kinds: readonly HistoryKind[] = ['messages', 'callLogs', 'activities']): Table[] {
  return kinds.flatMap((kind) => {
    const tables = tablesOfKind(db, kind);
    return [tables.chunks, tables.heads] as Table[];
  });
}

/** The stored list with the incoming rows: an incoming row replaces a stored one of the same id. */
function mergeRows<T extends { id: string }>(stored: readonly T[], incoming: readonly T[], order: (a: T, b: T) => number): T[] {
  const byRowId = new Map(stored.map((row) => [row.id, row]));
  for (const row of incoming) byRowId.set(row.id, row);
  return [...byRowId.values()].sort(order);
}

async function putKind<K extends HistoryKind>(db: HistoryTables, kind: K, rows: readonly KindOf[K][]): Promise<void> {
  if (rows.length === 0) return;
  const incoming = groupBy(rows, (row) => row.leadId);
  const order = ORDER[kind] as (a: KindOf[K], b: KindOf[K]) => number;
  await upsertChunked(tablesOfKind(db, kind), incoming.keys(), (leadId, stored) => ({ id: leadId, items: mergeRows(stored?.items ?? [], incoming.get(leadId) ?? [], order) }));
}

export interface HistoryRows {
  messages?: readonly Message[];
  callLogs?: readonly CallLog[];
  activities?: readonly Activity[];
}

/** Each lead's new rows join its lists (a row sent again replaces itself). Inside a transaction over the kinds written. */
export async function putHistory(db: HistoryTables, rows: HistoryRows): Promise<void> {
  await putKind(db, 'messages', rows.messages ?? []);
  await putKind(db, 'callLogs', rows.callLogs ?? []);
  await putKind(db, 'activities', (rows.activities ?? []).map(toReplicaActivity));
}

/** The kinds these rows write (for a transaction's scope). */
export function kindsIn(rows: HistoryRows): HistoryKind[] {
  return (['messages', 'callLogs', 'activities'] as const).filter((kind) => (rows[kind]?.length ?? 0) > 0);
}

/** Removes every row of these leads. Inside a transaction over all history stores. */
export async function deleteHistory(db: HistoryTables, leadIds: readonly string[]): Promise<void> {
  await deleteChunked(tablesOfKind(db, 'messages'), leadIds);
  await deleteChunked(tablesOfKind(db, 'callLogs'), leadIds);
  await deleteChunked(tablesOfKind(db, 'activities'), leadIds);
}

export async function clearHistory(db: HistoryTables): Promise<void> {
  await clearChunked(tablesOfKind(db, 'messages'));
  await clearChunked(tablesOfKind(db, 'callLogs'));
  await clearChunked(tablesOfKind(db, 'activities'));
}

type HistoryDb = Dexie & HistoryTables;

/**
 * One lead's rows of a kind, live when read in a live query; reads the kind's heads and at most one chunk. The list
 * is the one this window holds (shared with other readers): not to be changed.
 */
export async function readLeadHistory<K extends HistoryKind>(db: HistoryDb, kind: K, leadId: string): Promise<readonly KindOf[K][]> {
  return (await readChunkedRow(db, tablesOfKind(db, kind), leadId))?.items ?? [];
}

/** Every lead's rows of one kind, as readers ask for them; built once per set of chunk versions. */
export interface HistoryIndex<T> {
  /** The lead's rows, in the kind's order (the same array while its chunk is unchanged). */
  of(leadId: string): readonly T[];
  /** Every lead with rows of this kind. */
  leadIds(): Iterable<string>;
  /** Every row of the kind. */
  all(): readonly T[];
}

class HistoryIndexImpl<T> implements HistoryIndex<T> {
  private readonly lists = new Map<string, readonly T[]>();
  private flat: T[] | null = null;

  constructor(lists: readonly LeadList<T>[]) {
    for (const list of lists) this.lists.set(list.id, list.items);
  }

  of(leadId: string): readonly T[] {
    return this.lists.get(leadId) ?? [];
  }

  leadIds(): Iterable<string> {
    return this.lists.keys();
  }

  all(): readonly T[] {
    this.flat ??= [...this.lists.values()].flat();
    return this.flat;
  }
}

/** Every lead's rows of a kind, live when read in a live query (the kind's heads, and only chunks not seen yet). */
export async function readHistory<K extends HistoryKind>(db: HistoryDb, kind: K): Promise<HistoryIndex<KindOf[K]>> {
  return readIndex(db, tablesOfKind(db, kind), (lists) => new HistoryIndexImpl(lists));
}
