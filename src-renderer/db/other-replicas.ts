import Dexie from 'dexie';
import { resetReplica } from './apply-sync-page';
import { ReplicaDb, REPLICA_PREFIX } from './replica-db';

/**
 * When someone signs in, the replicas other people left on this workstation (a session that ended without a
 * sign-out) lose their customer data: deleted when nothing waits in their outbox, otherwise emptied but for the
 * outbox, which stays for that same person's next sign-in only. Never the signed-in person's own replica.
 */
export async function tidyOtherReplicas(current: string): Promise<{ deleted: number; emptied: number }> {
  const outcome = { deleted: 0, emptied: 0 };
  const names = (await indexedDB.databases()).map((info) => info.name).filter((name): name is string => !!name && name.startsWith(REPLICA_PREFIX) && name !== current);
  for (const name of names) {
    const db = new ReplicaDb(name);
    try {
      if ((await db.outbox.count()) === 0) {
        db.close();
        await Dexie.delete(name);
        outcome.deleted++;
      } else {
        await resetReplica(db);
        outcome.emptied++;
      }
    } finally {
      db.close();
    }
  }
  return outcome;
}
