import { useLiveQuery } from 'dexie-react-hooks';
import type { ReplicaDb } from '../../db/replica-db';
import type { SortOrder } from './board-filters';
import { loadPool, loadPoolHead, type Pool } from './pool-query';

/** More than a tall screen shows of one column (cards are 70 px), so the first paint has no gap. */
const FIRST_ROWS = 40;

/**
 * The pool in two steps, both live: the first screenful of each column with the columns' counts at once, then
 * every lead (for scrolling, search and stale counts). The second read starts once the first is in, so it
 * never delays the first paint, whatever the pool's size.
 */
export function usePool(db: ReplicaDb, brand: string, sort: SortOrder): Pool | undefined {
  const head = useLiveQuery(() => loadPoolHead(db, brand, sort, FIRST_ROWS), [db, brand, sort]);
  const headIn = head !== undefined;
  const full = useLiveQuery(() => (headIn ? loadPool(db, brand, sort) : undefined), [db, brand, sort, headIn]);
  return full ?? head;
}
