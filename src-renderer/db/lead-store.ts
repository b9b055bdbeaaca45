import type { EntityTable } from 'dexie';
import { byCreatedThenId } from './created-order';
import type { ReplicaDb } from './replica-db';
import type { ReplicaLead } from './pool-key';

/**
 * The replica's leads, stored as a few large records instead of one record per lead.
 *
 * IndexedDB's cost in Chromium is mostly per record: 20,000 lead records take 3.1–4.2 s to write on this
 * machine whatever their indexes (one index or five), while the same leads in 40 records of 500 take
 * 120–170 ms. A first sync brings every visible lead before the board is usable, so the leads live in
 * `leadChunks` (up to CHUNK_LEADS leads each) with a small `leadHeads` record per chunk naming its leads and
 * the version it was last written at. Readers get a `LeadIndex` (readLeads): built from the chunks, kept in
 * memory and rebuilt only for the chunks whose version changed, so a live query over the leads re-reads the
 * heads (a few small records) and at most the chunks that changed.
 *
 * Writers run inside the caller's transaction over both stores; a lead lives in exactly one chunk.
 */
export const CHUNK_LEADS = 500;

export interface LeadChunk {
  id: string;
  version: string;
  leads: ReplicaLead[];
}

/** The two stores of the leads (a ReplicaDb, or a schema upgrade's tables). */
export interface LeadTables {
  leadChunks: EntityTable<LeadChunk, 'id'>;
  leadHeads: EntityTable<LeadHead, 'id'>;
}

export interface LeadHead {
  id: string;
  version: string;
  /** The ids of the chunk's leads, in the chunk's order. */
  ids: string[];
}

let versionCounter = 0;
function nextVersion(): string {
  versionCounter += 1;
  return `${Date.now().toString(36)}.${versionCounter.toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
}

const chunkId = (number: number) => `c${String(number).padStart(8, '0')}`;
const chunkNumber = (id: string) => Number(id.slice(1));

function writeChunks(db: LeadTables, chunks: ReadonlyArray<{ id: string; leads: ReplicaLead[] }>): Promise<unknown> {
  const full = chunks.filter((chunk) => chunk.leads.length > 0);
  const empty = chunks.filter((chunk) => chunk.leads.length === 0).map((chunk) => chunk.id);
  const versioned = full.map((chunk) => ({ ...chunk, version: nextVersion() }));
  return Promise.all([
    versioned.length ? db.leadChunks.bulkPut(versioned) : undefined,
    versioned.length ? db.leadHeads.bulkPut(versioned.map(({ id, version, leads }) => ({ id, version, ids: leads.map((lead) => lead.id) }))) : undefined,
    empty.length ? db.leadChunks.bulkDelete(empty) : undefined,
    empty.length ? db.leadHeads.bulkDelete(empty) : undefined,
  ]);
}

/** Which chunk holds each lead, from the heads. */
function homesOf(heads: readonly LeadHead[]): Map<string, string> {
  const homes = new Map<string, string>();
  for (const head of heads) for (const id of head.ids) homes.set(id, head.id);
  return homes;
}

async function chunksById(db: LeadTables, ids: readonly string[]): Promise<Map<string, ReplicaLead[]>> {
  const rows = ids.length ? await db.leadChunks.bulkGet([...ids]) : [];
  return new Map(ids.map((id, index) => [id, [...(rows[index]?.leads ?? [])]]));
}

/** Whether two records hold the same lead, field for field (records of one source keep their key order). */
const sameLead = (a: ReplicaLead, b: ReplicaLead) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Stores these leads: a lead already stored is replaced where it is, a new one joins the last chunk with room,
 * then new chunks. Only chunks where something changed are written: a change page repeats leads as they are
 * (a note on a lead sends the lead too), and a lead written again unchanged would wake every live query over the
 * leads. Inside a transaction over `leadChunks` and `leadHeads`.
 */
export async function putLeadRows(db: LeadTables, leads: readonly ReplicaLead[]): Promise<void> {
  if (leads.length === 0) return;
  const heads = await db.leadHeads.toArray();
  const homes = homesOf(heads);
  const incoming = new Map(leads.map((lead) => [lead.id, lead]));
  const fresh = [...incoming.values()].filter((lead) => !homes.has(lead.id));
  const last = heads.reduce<LeadHead | undefined>((latest, head) => (!latest || head.id > latest.id ? head : latest), undefined);
  const lastWithRoom = last && last.ids.length < CHUNK_LEADS && fresh.length > 0 ? last.id : undefined;
  const touched = new Set<string>();
  for (const id of incoming.keys()) {
    const home = homes.get(id);
    if (home) touched.add(home);
  }
  if (lastWithRoom) touched.add(lastWithRoom);
  const chunks = await chunksById(db, [...touched]);
  const changed = new Set<string>();
  for (const [id, rows] of chunks) {
    chunks.set(
      id,
      rows.map((lead) => {
        const replacement = homes.get(lead.id) === id ? incoming.get(lead.id) : undefined;
        if (!replacement || sameLead(lead, replacement)) return lead;
        changed.add(id);
        return replacement;
      }),
    );
  }
  let next = last ? chunkNumber(last.id) + 1 : 1;
  let target = lastWithRoom;
  for (const lead of fresh) {
    if (!target || (chunks.get(target)?.length ?? 0) >= CHUNK_LEADS) {
      target = chunkId(next++);
      chunks.set(target, []);
    }
    chunks.get(target)?.push(lead);
    changed.add(target);
  }
  await writeChunks(db, [...changed].map((id) => ({ id, leads: chunks.get(id) ?? [] })));
}

/** Removes these leads (unknown ids are ignored); a chunk left empty goes. */
export async function deleteLeadRows(db: LeadTables, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const homes = homesOf(await db.leadHeads.toArray());
  const gone = new Set(ids);
  const touched = [...new Set(ids.flatMap((id) => homes.get(id) ?? []))];
  if (touched.length === 0) return;
  const chunks = await chunksById(db, touched);
  await writeChunks(db, [...chunks].map(([id, rows]) => ({ id, leads: rows.filter((lead) => !gone.has(lead.id)) })));
}

/**
 * Changes leads in place: `change` returns the lead to store instead, or undefined to keep it as it is. Only
 * the chunks holding a changed lead are written.
 */
export async function modifyLeadRows(db: LeadTables, change: (lead: ReplicaLead) => ReplicaLead | undefined): Promise<void> {
  const chunks = await db.leadChunks.toArray();
  const changed = chunks.flatMap((chunk) => {
    let any = false;
    const leads = chunk.leads.map((lead) => {
      const replaced = change(lead);
      if (replaced === undefined) return lead;
      any = true;
      return replaced;
    });
    return any ? [{ id: chunk.id, leads }] : [];
  });
  if (changed.length) await writeChunks(db, changed);
}

export async function clearLeadRows(db: LeadTables): Promise<void> {
  await Promise.all([db.leadChunks.clear(), db.leadHeads.clear()]);
}

/** The replica's leads as readers ask for them; every answer is built once per set of chunk versions. */
export interface LeadIndex {
  readonly size: number;
  /** Every lead, in storage order. */
  all(): readonly ReplicaLead[];
  get(id: string): ReplicaLead | undefined;
  /** The leads assigned to this user. */
  ofUser(userId: string): readonly ReplicaLead[];
  /** Every brand with leads in the Open Leads pool, in key order (see pool-key.ts). */
  poolBrands(): readonly string[];
  /** The brand's pool leads, oldest first (equal times by id), as the `[pool+createdAt]` index ordered them. */
  pool(brand: string): readonly ReplicaLead[];
}

interface Memo {
  chunks: Map<string, LeadChunk>;
  key: string;
  index: LeadIndexImpl | null;
}

const memos = new WeakMap<ReplicaDb, Memo>();

/**
 * The leads as they stand, for a live query or a one-off read: the heads are read (so a live query runs again
 * after any lead write) and only chunks whose version this window has not seen yet. Answers that did not change
 * keep their identity (the same array), so a component fed by them does not render again for others' changes.
 */
export async function readLeads(db: ReplicaDb): Promise<LeadIndex> {
  const memo = memos.get(db) ?? { chunks: new Map<string, LeadChunk>(), key: '', index: null };
  memos.set(db, memo);
  const { heads, fetched } = await db.transaction('r', [db.leadHeads, db.leadChunks], async () => {
    const heads = await db.leadHeads.toArray();
    const stale = heads.filter((head) => memo.chunks.get(head.id)?.version !== head.version).map((head) => head.id);
    return { heads, fetched: stale.length ? await db.leadChunks.bulkGet(stale) : [] };
  });
  for (const chunk of fetched) if (chunk) memo.chunks.set(chunk.id, keepUnchanged(chunk, memo.chunks.get(chunk.id)));
  const live = new Set(heads.map((head) => head.id));
  for (const id of memo.chunks.keys()) if (!live.has(id)) memo.chunks.delete(id);
  const key = [...memo.chunks.values()].map((chunk) => `${chunk.id}@${chunk.version}`).sort().join('|');
  if (memo.index && memo.key === key) return memo.index;
  const ordered = [...memo.chunks.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  memo.index = new LeadIndexImpl(ordered.flatMap((chunk) => chunk.leads), memo.index?.answers);
  memo.key = key;
  return memo.index;
}

/**
 * A chunk read again holds every lead as a new object; those equal to what this window already held are swapped
 * for the objects it held, so answers made of unchanged leads stay the same (one chunk: about a millisecond).
 */
function keepUnchanged(chunk: LeadChunk, before: LeadChunk | undefined): LeadChunk {
  if (!before) return chunk;
  const held = new Map(before.leads.map((lead) => [lead.id, lead]));
  const leads = chunk.leads.map((lead) => {
    const known = held.get(lead.id);
    return known && sameLead(known, lead) ? known : lead;
  });
  return { ...chunk, leads };
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, index) => item === b[index]);

class LeadIndexImpl implements LeadIndex {
  private byIdMap: Map<string, ReplicaLead> | null = null;
  private byUser: Map<string, ReplicaLead[]> | null = null;
  private byPool: Map<string, ReplicaLead[]> | null = null;
  private brands: string[] | null = null;
  /** The answers given so far, by question (the next index keeps those that did not change). */
  readonly answers = new Map<string, readonly ReplicaLead[]>();

  constructor(
    private readonly leads: readonly ReplicaLead[],
    private readonly previousAnswers: ReadonlyMap<string, readonly ReplicaLead[]> | undefined,
  ) {}

  get size(): number {
    return this.leads.length;
  }

  all(): readonly ReplicaLead[] {
    return this.leads;
  }

  get(id: string): ReplicaLead | undefined {
    this.byIdMap ??= new Map(this.leads.map((lead) => [lead.id, lead]));
    return this.byIdMap.get(id);
  }

  ofUser(userId: string): readonly ReplicaLead[] {
    if (!this.byUser) {
      this.byUser = new Map();
      for (const lead of this.leads) if (lead.userId !== null) push(this.byUser, lead.userId, lead);
    }
    return this.keep(`user:${userId}`, this.byUser.get(userId) ?? []);
  }

  poolBrands(): readonly string[] {
    this.brands ??= [...this.poolMap().keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.brands;
  }

  pool(brand: string): readonly ReplicaLead[] {
    return this.keep(`pool:${brand}`, this.poolMap().get(brand) ?? []);
  }

  private poolMap(): Map<string, ReplicaLead[]> {
    if (!this.byPool) {
      this.byPool = new Map();
      for (const lead of this.leads) if (lead.pool !== undefined) push(this.byPool, lead.pool, lead);
      for (const column of this.byPool.values()) column.sort(byCreatedThenId);
    }
    return this.byPool;
  }

  /** The previous index's answer when it holds the very same leads: readers see no change where there was none. */
  private keep(key: string, answer: readonly ReplicaLead[]): readonly ReplicaLead[] {
    const known = this.answers.get(key);
    if (known) return known;
    const before = this.previousAnswers?.get(key);
    const kept = before && sameItems(before, answer) ? before : answer;
    this.answers.set(key, kept);
    return kept;
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
