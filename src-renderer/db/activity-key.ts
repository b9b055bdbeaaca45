import type { Activity } from '../../src-shared/contract/entities.schema';

/**
 * An activity as the replica stores it: the hub's activity plus `openFor`, its assignee's id while it is not
 * done, absent once done. IndexedDB cannot index booleans, and a record without the key stays out of an
 * index, so `[openFor+dueAt]` holds exactly each user's open activities, soonest first.
 */
export interface ReplicaActivity extends Activity {
  openFor?: string;
}

export function toReplicaActivity(activity: Activity): ReplicaActivity {
  const { openFor: _stale, ...plain } = activity as ReplicaActivity;
  return plain.done ? plain : { ...plain, openFor: plain.userId };
}

/** The hub's activity without the replica's own field. */
export function hubActivityOf(activity: ReplicaActivity): Activity {
  const { openFor: _openFor, ...plain } = activity;
  return plain;
}
