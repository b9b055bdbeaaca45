import { useLiveQuery } from 'dexie-react-hooks';
import type { Activity } from '../../../src-shared/contract/entities.schema';
import { hubActivityOf } from '../../db/activity-key';
import type { ReplicaDb } from '../../db/replica-db';
import { readHistory } from '../../db/history-store';

/** The open activities of these leads (whoever they are assigned to): the board's own leads only, not the pool's leads' activities. */
export async function loadOpenActivitiesOf(db: ReplicaDb, leadIds: readonly string[]): Promise<Activity[]> {
  const activities = await readHistory(db, 'activities');
  return leadIds.flatMap((id) => activities.of(id)).filter((activity) => !activity.done).map(hubActivityOf);
}

/** Undefined until read; `leadIds` undefined (the leads themselves not read yet) reads nothing. */
export function useOpenActivitiesOf(db: ReplicaDb, leadIds: readonly string[] | undefined): Activity[] | undefined {
  const key = leadIds?.join(',');
  // Keyed by the ids' contents, not the array's identity (a new array on every board render).
  return useLiveQuery(() => (leadIds ? loadOpenActivitiesOf(db, leadIds) : undefined), [db, key]);
}
