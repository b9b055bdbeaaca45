import { useLiveQuery } from 'dexie-react-hooks';
import type { ReplicaDb } from '../../db/replica-db';
import type { SortOrder } from './board-filters';
import { loadPool, type Pool } from './pool-query';

/** The pool, live: every column whole (the lead index answers from memory once built, see lead-store.ts). */
export function usePool(db: ReplicaDb, brand: string, sort: SortOrder): Pool | undefined {
  return useLiveQuery(() => loadPool(db, brand, sort), [db, brand, sort]);
}
