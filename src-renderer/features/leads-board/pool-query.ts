import { readLeads } from '../../db/lead-store';
import type { ReplicaDb } from '../../db/replica-db';
import type { ReplicaLead } from '../../db/pool-key';
import { sortByCreated, type SortOrder } from './board-filters';

export interface PoolColumn {
  brand: string;
  /** How many leads of the brand wait in the pool. */
  count: number;
  /** All of them, in the board's order. */
  leads: readonly ReplicaLead[];
}

export interface Pool {
  /** Every brand with leads in the pool, alphabetical (the brand filter's choices). */
  brands: string[];
  /** The columns shown: every brand, or the one chosen. */
  columns: PoolColumn[];
}

/** A column in the board's order, kept while the index answers with the same leads (no new render for others' changes). */
const sortedColumns = new WeakMap<readonly ReplicaLead[], Partial<Record<SortOrder, readonly ReplicaLead[]>>>();

function sortedColumn(leads: readonly ReplicaLead[], sort: SortOrder): readonly ReplicaLead[] {
  const known = sortedColumns.get(leads) ?? {};
  sortedColumns.set(leads, known);
  // The index orders equal times by id; the board breaks ties by ref.
  return (known[sort] ??= sortByCreated([...leads], sort));
}

const lastPools = new WeakMap<ReplicaDb, Map<string, Pool>>();

/**
 * The Open Leads pool from the replica's lead index (see lead-store.ts): brands and columns from the leads that
 * carry a `pool` key (unclaimed, in an open stage). The same Pool object comes back while nothing in it changed.
 */
export async function loadPool(db: ReplicaDb, brand: string, sort: SortOrder): Promise<Pool> {
  const index = await readLeads(db);
  const brands = [...index.poolBrands()].sort((a, b) => a.localeCompare(b));
  const columns = (brand ? [brand] : brands).map((name) => {
    const leads = sortedColumn(index.pool(name), sort);
    return { brand: name, count: leads.length, leads };
  });
  const key = JSON.stringify([brand, sort]);
  const pools = lastPools.get(db) ?? new Map<string, Pool>();
  lastPools.set(db, pools);
  const last = pools.get(key);
  if (last && sameBrands(last.brands, brands) && last.columns.length === columns.length && last.columns.every((column, at) => column.leads === columns[at]!.leads && column.brand === columns[at]!.brand)) {
    return last;
  }
  const pool = { brands, columns };
  pools.set(key, pool);
  return pool;
}

const sameBrands = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, at) => name === b[at]);
