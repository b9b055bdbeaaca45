import 'fake-indexeddb/auto';
import { applySyncPage, replicaCursor, resetReplica } from '../../src-renderer/db/apply-sync-page';
import { ReplicaDb } from '../../src-renderer/db/replica-db';
import type { ReplicaPort } from '../../src-main/sync/sync-driver';

let counter = 0;

/** The renderer's real replica (Dexie over fake-indexeddb) behind main's ReplicaPort, for Node tests. */
export function dexieReplica(): { db: ReplicaDb; port: ReplicaPort; applied: number } {
  const db = new ReplicaDb(`node-replica-${process.pid}-${counter++}`);
  const replica = {
    db,
    applied: 0,
    port: {
      cursor: () => replicaCursor(db),
      apply: async (page: Parameters<ReplicaPort['apply']>[0], after: string | null) => {
        await applySyncPage(db, page, after);
        replica.applied++;
      },
      reset: () => resetReplica(db),
    } satisfies ReplicaPort,
  };
  return replica;
}
