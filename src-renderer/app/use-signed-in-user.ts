import { useLiveQuery } from 'dexie-react-hooks';
import type { User } from '../../src-shared/contract/entities.schema';
import { useReplica } from './ReplicaProvider';
import { useSessionStore } from './session-store';

/**
 * The signed-in user as the hub has them now: the session's copy, overlaid with the replica's synced user
 * row. A manager's role change reaches the replica through sync (the hub also rebuilds that user's replica),
 * so the header, the menus and every capability follow it at once — not only after the next sign-in.
 */
export function useSignedInUser(): User | null {
  const { db } = useReplica();
  const sessionUser = useSessionStore((store) => store.session?.user ?? null);
  const synced = useLiveQuery(async () => (sessionUser ? ((await db.users.get(sessionUser.id)) ?? null) : null), [db, sessionUser?.id], null);
  if (!sessionUser) return null;
  return synced ? { ...sessionUser, role: synced.role, name: synced.name } : sessionUser;
}
