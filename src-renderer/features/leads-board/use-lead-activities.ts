import { useLiveQuery } from 'dexie-react-hooks';
import type { Activity } from '../../../src-shared/contract/entities.schema';
import { hubActivityOf } from '../../db/activity-key';
import type { ReplicaDb } from '../../db/replica-db';

/**
 * The open activities of these leads (whoever they are assigned to), read by the `leadId` index: the board's
 * own leads only, not every activity of the replica (the pool's leads have theirs too).
 */
export async function loadOpenActivitiesOf(db: ReplicaDb, leadIds: readonly string[]): Promise<Activity[]> {
  if (leadIds.length === 0) return [];
  const rows = await db.activities
    .where('leadId')
    .anyOf([...leadIds])
    .filter((activity) => !activity.done)
    .toArray();
  return rows.map(hubActivityOf);
}

/** Undefined until read; `leadIds` undefined (the leads themselves not read yet) reads nothing. */
export function useOpenActivitiesOf(db: ReplicaDb, leadIds: readonly string[] | undefined): Activity[] | undefined {
  const key = leadIds?.join(',');
  // Keyed by the ids' contents, not the array's identity (a new array on every board render).
  return useLiveQuery(() => (leadIds ? loadOpenActivitiesOf(db, leadIds) : undefined), [db, key]);
}
