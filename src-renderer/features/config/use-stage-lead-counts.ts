import { useLiveQuery } from 'dexie-react-hooks';
import type { ReplicaDb } from '../../db/replica-db';
import { readLeads } from '../../db/lead-store';

/**
 * How many leads of the replica sit in each stage. A manager's replica holds every open lead, so counts of
 * open stages are exact; of won and lost stages only the manager's own recent closed leads are there, so
 * those counts are a lower bound. The hub's `409 stage_in_use` stays the guard.
 */
export function useStageLeadCounts(db: ReplicaDb): ReadonlyMap<string, number> {
  return useLiveQuery(
    async () => {
      const counts = new Map<string, number>();
      for (const lead of (await readLeads(db)).all()) counts.set(lead.stageId, (counts.get(lead.stageId) ?? 0) + 1);
      return counts;
    },
    [db],
    new Map<string, number>(),
  );
}
