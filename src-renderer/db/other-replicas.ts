import Dexie from 'dexie';
import { resetReplica } from './apply-sync-page';
import { sealReplicaOutbox, type KeptOutboxDb, type SealOutbox } from './kept-outbox';
import { ReplicaDb, REPLICA_PREFIX, replicaOwner } from './replica-db';

/**
 * When someone signs in, the replicas other people left on this workstation (a session that ended without a
 * sign-out) go: what waits in their outbox is first sealed for that same person alone (kept-outbox.ts), for their
 * next sign-in only. Should sealing fail (no key of theirs here), the replica is emptied but for its outbox, as
 * before. Never the signed-in person's own replica.
 */
export async function tidyOtherReplicas(current: string, kept: KeptOutboxDb, seal: SealOutbox): Promise<{ deleted: number; emptied: number }> {
  const outcome = { deleted: 0, emptied: 0 };
  const names = (await indexedDB.databases()).map((info) => info.name).filter((name): name is string => !!name && name.startsWith(REPLICA_PREFIX) && name !== current);
  for (const name of names) {
    const db = new ReplicaDb(name);
    try {
      const owner = replicaOwner(name);
      if (owner && (await db.outbox.count()) > 0) await sealReplicaOutbox(db, owner, kept, seal).catch(() => 0);
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
