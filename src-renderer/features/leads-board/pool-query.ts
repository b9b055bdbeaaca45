import Dexie from 'dexie';
import type { ReplicaDb } from '../../db/replica-db';
import type { ReplicaLead } from '../../db/pool-key';
import { sortByCreated, type SortOrder } from './board-filters';

export interface PoolColumn {
  brand: string;
  /** How many leads of the brand wait in the pool. */
  count: number;
  /** In the board's order: all of them, or only the first screenful while `complete` is false. */
  leads: ReplicaLead[];
}

export interface Pool {
  /** Every brand with leads in the pool, alphabetical (the brand filter's choices). */
  brands: string[];
  /** The columns shown: every brand, or the one chosen. */
  columns: PoolColumn[];
  complete: boolean;
}

/**
 * The Open Leads pool straight from the replica's `pool` indexes: brands from the index's distinct keys, each
 * column one index range already in creation order. Nothing outside the pool is read (own leads, closed ones,
 * other agents' work), nor any message, call log or activity.
 */
export async function loadPool(db: ReplicaDb, brand: string, sort: SortOrder): Promise<Pool> {
  const brands = await poolBrands(db);
  const columns = await Promise.all(
    (brand ? [brand] : brands).map(async (name) => {
      // The index orders equal times by id; the board breaks ties by ref (a pass over sorted data is linear).
      const leads = sortByCreated(await columnRange(db, name, sort).toArray(), sort);
      return { brand: name, count: leads.length, leads };
    }),
  );
  return { brands, columns, complete: true };
}

/** The first `rows` leads of each column and each column's count: what the first paint needs, read in a moment. */
export async function loadPoolHead(db: ReplicaDb, brand: string, sort: SortOrder, rows: number): Promise<Pool> {
  const brands = await poolBrands(db);
  const columns = await Promise.all(
    (brand ? [brand] : brands).map(async (name) => {
      const [leads, count] = await Promise.all([columnRange(db, name, sort).limit(rows).toArray(), db.leads.where('pool').equals(name).count()]);
      return { brand: name, count, leads: sortByCreated(leads, sort) };
    }),
  );
  return { brands, columns, complete: false };
}

async function poolBrands(db: ReplicaDb): Promise<string[]> {
  return ((await db.leads.orderBy('pool').uniqueKeys()) as string[]).sort((a, b) => a.localeCompare(b));
}

function columnRange(db: ReplicaDb, brand: string, sort: SortOrder) {
  const range = db.leads.where('[pool+createdAt]').between([brand, Dexie.minKey], [brand, Dexie.maxKey]);
  return sort === 'newest' ? range.reverse() : range;
}
