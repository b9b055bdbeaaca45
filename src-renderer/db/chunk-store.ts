import type Dexie from 'dexie';
import type { Table } from 'dexie';

/**
 * Records of many leads stored as a few large IndexedDB records instead of one record each.
 *
 * IndexedDB's cost in Chromium is mostly per record: 20,000 lead records take 3.1–4.2 s to write on this machine
 * whatever their indexes, while the same leads in 40 records of 500 take 120–170 ms. So a store of per-lead rows
 * (the leads themselves, each lead's messages, call logs, activities) is two tables: chunks of up to `capacity`
 * rows, and a small head per chunk naming its rows and the version it was last written at. A row lives in exactly
 * one chunk; new rows join the last chunk with room, then new chunks.
 *
 * Writers run inside the caller's transaction over both tables, whose callback must be an async function: Dexie
 * keeps a transaction across native awaits (these writers nest several) only for those. Readers go through
 * `readIndex` (every row) or `readChunkedRow` (one row): the heads are read (so a live query runs again after any
 * write), and only chunks whose version this window has not seen.
 */
export interface Chunk<T> {
  id: string;
  version: string;
  /** The chunk's rows, one per lead. */
  leads: T[];
}

export interface ChunkHead {
  id: string;
  version: string;
  /** The ids of the chunk's rows, in the chunk's order. */
  ids: string[];
}

/** The two tables of one chunked store (a ReplicaDb's, or a schema upgrade's). */
export interface ChunkTables<T> {
  chunks: Table<Chunk<T>, string>;
  heads: Table<ChunkHead, string>;
  /** How many rows a chunk holds at most. */
  capacity: number;
}

export interface Keyed {
  id: string;
}

let versionCounter = 0;
function nextVersion(): string {
  versionCounter += 1;
  return `${Date.now().toString(36)}.${versionCounter.toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
}

const chunkId = (number: number) => `c${String(number).padStart(8, '0')}`;
const chunkNumber = (id: string) => Number(id.slice(1));

/**
 * What this window holds of one chunked store: the chunks it has read or written, by id, each at the version it
 * was read or written at. A chunk is used only while the store's head names that same version, so a memo entry is
 * never wrong, only possibly stale (another window wrote, or the write's transaction failed): then it is read again.
 */
interface ChunkMemo<T> {
  chunks: Map<string, Chunk<T>>;
  /** The readers' index (see readIndex) and the chunk versions it was built from. */
  built?: { key: string; index: unknown };
  /** Which chunk holds each row, and the chunk versions that was worked out at (see homesOf). */
  homes?: { versions: Map<string, string>; chunkOf: Map<string, string> };
}

const memos = new WeakMap<Table, ChunkMemo<unknown>>();

/** This window's memo of one store (kept as long as the store's table object is). */
function memoOf<T>(tables: ChunkTables<T>): ChunkMemo<T> {
  const memo = (memos.get(tables.chunks) ?? { chunks: new Map() }) as ChunkMemo<T>;
  memos.set(tables.chunks, memo as ChunkMemo<unknown>);
  return memo;
}

function writeChunks<T extends Keyed>(db: ChunkTables<T>, chunks: ReadonlyArray<{ id: string; leads: T[] }>): Promise<unknown> {
  const full = chunks.filter((chunk) => chunk.leads.length > 0);
  const empty = chunks.filter((chunk) => chunk.leads.length === 0).map((chunk) => chunk.id);
  const versioned = full.map((chunk) => ({ ...chunk, version: nextVersion() }));
  // The chunks as written are this window's from now on: readers after this write need not read them back.
  const memo = memoOf(db);
  for (const chunk of versioned) memo.chunks.set(chunk.id, chunk);
  for (const id of empty) memo.chunks.delete(id);
  // Rows only join or stay in the chunks written here (deleteChunked forgets the homes first).
  const homes = memo.homes;
  if (homes) {
    for (const chunk of versioned) {
      homes.versions.set(chunk.id, chunk.version);
      for (const row of chunk.leads) homes.chunkOf.set(row.id, chunk.id);
    }
    for (const id of empty) homes.versions.delete(id);
  }
  const heads = versioned.map(({ id, version, leads }) => ({ id, version, ids: leads.map((row) => row.id) }));
  return Promise.all([
    versioned.length ? putKeyed(db.chunks, versioned) : undefined,
    versioned.length ? putKeyed(db.heads, heads) : undefined,
    empty.length ? db.chunks.bulkDelete(empty) : undefined,
    empty.length ? db.heads.bulkDelete(empty) : undefined,
  ]);
}

/**
 * Puts records under their `id`: as the out-of-line key of the replica's chunked stores (replica-db.ts, version 15 on:
 * Chromium reads an in-line key from a full copy of each value), or as the in-line key of an older schema's store
 * while an upgrade moves rows into it.
 */
export function putKeyed<R extends Keyed>(table: Table<R, string>, records: readonly R[]): Promise<unknown> {
  return table.schema.primKey.keyPath ? table.bulkPut(records) : table.bulkPut(records, records.map((record) => record.id));
}

/** Which chunk holds each row the heads name, and the versions they stand at. */
function homesFromHeads(heads: readonly ChunkHead[]): NonNullable<ChunkMemo<unknown>['homes']> {
  const chunkOf = new Map<string, string>();
  for (const head of heads) for (const id of head.ids) chunkOf.set(id, head.id);
  return { versions: new Map(heads.map((head) => [head.id, head.version])), chunkOf };
}

/**
 * Which chunk holds each of these rows (a row not stored has none), from the heads: worked out once and kept while
 * the heads stand at the versions it was worked out at or written at by this window, so a first sync's pages do
 * not each scan every stored id (a write that failed, or another window's, leaves a version it does not know: then
 * it is worked out again).
 */
function homesOf<T>(tables: ChunkTables<T>, heads: readonly ChunkHead[], ids: ReadonlySet<string>): Map<string, string> {
  const memo = memoOf(tables);
  const known = memo.homes;
  const current = known !== undefined && known.versions.size === heads.length && heads.every((head) => known.versions.get(head.id) === head.version);
  const { chunkOf } = current ? known : (memo.homes = homesFromHeads(heads));
  const homes = new Map<string, string>();
  for (const id of ids) {
    const home = chunkOf.get(id);
    if (home !== undefined) homes.set(id, home);
  }
  return homes;
}

/** The rows of these chunks (copies of the lists, to change), from the memo where it holds the heads' version. */
async function chunksById<T>(db: ChunkTables<T>, ids: readonly string[], heads: readonly ChunkHead[]): Promise<Map<string, T[]>> {
  const memo = memoOf(db);
  const versions = new Map(heads.map((head) => [head.id, head.version]));
  const rowsOf = new Map<string, T[]>();
  const missing: string[] = [];
  for (const id of ids) {
    const held = memo.chunks.get(id);
    if (held && held.version === versions.get(id)) rowsOf.set(id, [...held.leads]);
    else missing.push(id);
  }
  const read = missing.length ? await db.chunks.bulkGet(missing) : [];
  missing.forEach((id, index) => rowsOf.set(id, [...(read[index]?.leads ?? [])]));
  return new Map(ids.map((id) => [id, rowsOf.get(id) ?? []]));
}

/**
 * Writes the rows of these ids: `update` gets the stored row (undefined for a new one) and returns the row to
 * store, or undefined to leave it as it is (a new id stays out). Only chunks where something changed are written.
 */
export async function upsertChunked<T extends Keyed>(db: ChunkTables<T>, ids: Iterable<string>, update: (id: string, stored: T | undefined) => T | undefined): Promise<void> {
  const wanted = new Set(ids);
  if (wanted.size === 0) return;
  const heads = await db.heads.toArray();
  const homes = homesOf(db, heads, wanted);
  const fresh: T[] = [];
  for (const id of wanted) {
    if (homes.has(id)) continue;
    const row = update(id, undefined);
    if (row) fresh.push(row);
  }
  const last = heads.reduce<ChunkHead | undefined>((latest, head) => (!latest || head.id > latest.id ? head : latest), undefined);
  const lastWithRoom = last && last.ids.length < db.capacity && fresh.length > 0 ? last.id : undefined;
  const touched = new Set<string>();
  for (const id of wanted) {
    const home = homes.get(id);
    if (home) touched.add(home);
  }
  if (lastWithRoom) touched.add(lastWithRoom);
  const chunks = await chunksById(db, [...touched], heads);
  const changed = new Set<string>();
  for (const [id, rows] of chunks) {
    chunks.set(
      id,
      rows.map((row) => {
        const replacement = wanted.has(row.id) && homes.get(row.id) === id ? update(row.id, row) : undefined;
        if (!replacement) return row;
        changed.add(id);
        return replacement;
      }),
    );
  }
  let next = last ? chunkNumber(last.id) + 1 : 1;
  let target = lastWithRoom;
  for (const row of fresh) {
    if (!target || (chunks.get(target)?.length ?? 0) >= db.capacity) {
      target = chunkId(next++);
      chunks.set(target, []);
    }
    chunks.get(target)?.push(row);
    changed.add(target);
  }
  await writeChunks(db, [...changed].map((id) => ({ id, leads: chunks.get(id) ?? [] })));
}

/** Removes the rows of these ids (unknown ids are ignored); a chunk left empty goes. */
export async function deleteChunked<T extends Keyed>(db: ChunkTables<T>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  const heads = await db.heads.toArray();
  const homes = homesOf(db, heads, gone);
  const touched = [...new Set(ids.flatMap((id) => homes.get(id) ?? []))];
  if (touched.length === 0) return;
  // Rows leave their chunks: the homes are worked out again next time.
  memoOf(db).homes = undefined;
  const chunks = await chunksById(db, touched, heads);
  await writeChunks(db, [...chunks].map(([id, rows]) => ({ id, leads: rows.filter((row) => !gone.has(row.id)) })));
}

/** Changes rows in place: `change` returns the row to store instead, or undefined to keep it. Only chunks holding a changed row are written. */
export async function modifyChunked<T extends Keyed>(db: ChunkTables<T>, change: (row: T) => T | undefined): Promise<void> {
  const chunks = await db.chunks.toArray();
  const changed = chunks.flatMap((chunk) => {
    let any = false;
    const leads = chunk.leads.map((row) => {
      const replaced = change(row);
      if (replaced === undefined) return row;
      any = true;
      return replaced;
    });
    return any ? [{ id: chunk.id, leads }] : [];
  });
  if (changed.length) await writeChunks(db, changed);
}

export async function clearChunked<T>(db: ChunkTables<T>): Promise<void> {
  await Promise.all([db.chunks.clear(), db.heads.clear()]);
}

/** Whether two rows are the same, field for field (rows of one source keep their key order). */
export const sameRow = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The readers' index of the store's rows as they stand (`build` makes it from every row in chunk order and the index
 * built before, if any), built again only when a chunk's version changed: the heads are read (a live query wakes on
 * any write), then only chunks of a version not seen yet. A chunk read again keeps the objects of rows equal to those
 * already held, so answers made of unchanged rows stay the same objects (one chunk: about a millisecond). A store has
 * one index: every reader of it passes the same `build`.
 */
export async function readIndex<T extends Keyed, I>(db: Dexie, tables: ChunkTables<T>, build: (rows: readonly T[], previous: I | undefined) => I): Promise<I> {
  const memo = memoOf(tables);
  const { heads, fetched } = await db.transaction('r', [tables.heads, tables.chunks], async () => {
    const heads = await tables.heads.toArray();
    const stale = heads.filter((head) => memo.chunks.get(head.id)?.version !== head.version).map((head) => head.id);
    return { heads, fetched: stale.length ? await tables.chunks.bulkGet(stale) : [] };
  });
  for (const chunk of fetched) if (chunk) memo.chunks.set(chunk.id, keepUnchanged(chunk, memo.chunks.get(chunk.id)));
  const live = new Set(heads.map((head) => head.id));
  for (const id of memo.chunks.keys()) if (!live.has(id)) memo.chunks.delete(id);
  const ordered = [...memo.chunks.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const key = ordered.map((chunk) => `${chunk.id}@${chunk.version}`).join('|');
  const before = memo.built as { key: string; index: I } | undefined;
  if (before?.key === key) return before.index;
  const index = build(ordered.flatMap((chunk) => chunk.leads), before?.index);
  memo.built = { key, index };
  return index;
}

/**
 * The row of one id as it stands, reading the heads and at most the one chunk that holds it (a lead form reads
 * its lead's messages without the rest of the store). Shares the memo of `readIndex`.
 */
export async function readChunkedRow<T extends Keyed>(db: Dexie, tables: ChunkTables<T>, id: string): Promise<T | undefined> {
  const memo = memoOf(tables);
  const chunk = await db.transaction('r', [tables.heads, tables.chunks], async () => {
    const head = (await tables.heads.toArray()).find((candidate) => candidate.ids.includes(id));
    if (!head) return undefined;
    const held = memo.chunks.get(head.id);
    if (held?.version === head.version) return held;
    const read = await tables.chunks.get(head.id);
    return read && read.version === head.version ? read : undefined;
  });
  if (!chunk) return undefined;
  if (memo.chunks.get(chunk.id) !== chunk) memo.chunks.set(chunk.id, keepUnchanged(chunk, memo.chunks.get(chunk.id)));
  return memo.chunks.get(chunk.id)?.leads.find((row) => row.id === id);
}

function keepUnchanged<T extends Keyed>(chunk: Chunk<T>, before: Chunk<T> | undefined): Chunk<T> {
  if (!before) return chunk;
  const held = new Map(before.leads.map((row) => [row.id, row]));
  const leads = chunk.leads.map((row) => {
    const known = held.get(row.id);
    return known && sameRow(known, row) ? known : row;
  });
  return { ...chunk, leads };
}
