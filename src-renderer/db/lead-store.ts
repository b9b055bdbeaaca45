import type { Table } from 'dexie';
import { clearChunked, deleteChunked, modifyChunked, readIndex, sameRow, upsertChunked, type Chunk, type ChunkHead, type ChunkTables } from './chunk-store';
import { groupBy } from '../../src-shared/group-by';
import { byCreatedThenId } from './created-order';
import type { ReplicaDb } from './replica-db';
import type { ReplicaLead } from './pool-key';

/**
 * The replica's leads, stored as a few large records (see chunk-store.ts): `leadChunks` of up to CHUNK_LEADS
 * leads and a small `leadHeads` record per chunk. A first sync brings every visible lead before the board is
 * usable. Readers get a `LeadIndex` (readLeads): built from the chunks, kept in memory and rebuilt only when a
 * chunk's version changed.
 *
 * Writers run inside the caller's transaction over both stores.
 */
export const CHUNK_LEADS = 500;

export type LeadChunk = Chunk<ReplicaLead>;
export type LeadHead = ChunkHead;

/** The two stores of the leads (a ReplicaDb, or a schema upgrade's tables). */
export interface LeadTables {
  leadChunks: Table<LeadChunk, string>;
  leadHeads: Table<LeadHead, string>;
}

const chunked = (db: LeadTables): ChunkTables<ReplicaLead> => ({ chunks: db.leadChunks, heads: db.leadHeads, capacity: CHUNK_LEADS });

/**
 * Stores these leads: a lead already stored is replaced where it is, a new one joins the last chunk with room,
 * then new chunks. Only chunks where something changed are written: a change page repeats leads as they are
 * (a note on a lead sends the lead too), and a lead written again unchanged would wake every live query over the
 * leads. Inside a transaction over `leadChunks` and `leadHeads`.
 */
export async function putLeadRows(db: LeadTables, leads: readonly ReplicaLead[]): Promise<void> {
  const incoming = new Map(leads.map((lead) => [lead.id, lead]));
  await upsertChunked(chunked(db), incoming.keys(), (id, stored) => {
    const replacement = incoming.get(id);
    return stored && replacement && sameRow(stored, replacement) ? undefined : replacement;
  });
}

/** Removes these leads (unknown ids are ignored); a chunk left empty goes. */
export async function deleteLeadRows(db: LeadTables, ids: readonly string[]): Promise<void> {
  await deleteChunked(chunked(db), ids);
}

/**
 * Changes leads in place: `change` returns the lead to store instead, or undefined to keep it as it is. Only
 * the chunks holding a changed lead are written.
 */
export async function modifyLeadRows(db: LeadTables, change: (lead: ReplicaLead) => ReplicaLead | undefined): Promise<void> {
  await modifyChunked(chunked(db), change);
}

export async function clearLeadRows(db: LeadTables): Promise<void> {
  await clearChunked(chunked(db));
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

/**
 * The leads as they stand, for a live query or a one-off read: the heads are read (so a live query runs again
 * after any lead write) and only chunks whose version this window has not seen yet. Answers that did not change
 * keep their identity (the same array), so a component fed by them does not render again for others' changes.
 */
export async function readLeads(db: ReplicaDb): Promise<LeadIndex> {
  return readIndex(db, chunked(db), (leads, previous: LeadIndexImpl | undefined) => new LeadIndexImpl(leads, previous?.answers));
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
    this.byUser ??= groupBy(this.leads, (lead) => lead.userId ?? undefined);
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
      this.byPool = groupBy(this.leads, (lead) => lead.pool);
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
