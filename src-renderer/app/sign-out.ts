import { call, crm } from '../bridge/crm';
import { resetReplica } from '../db/apply-sync-page';
import { keptOutboxDb, sealReplicaOutbox, type KeptOutboxDb, type SealOutbox } from '../db/kept-outbox';
import type { OutboxPump } from '../db/outbox';
import { replicaOwner, type ReplicaDb } from '../db/replica-db';
import { sealThroughMain } from './kept-outbox-bridge';

/**
 * Signing out on a shared workstation (also "Not you? Sign out" on the lock screen). The person's outbox is
 * sent first, with their own session, before the token is revoked. What cannot be sent now (the hub out of
 * reach, or refused) is sealed for them alone (kept-outbox.ts) and their replica is deleted: only their next
 * sign-in on this hub opens it again, so nobody else reads or sends their notes. Should sealing fail, the items
 * stay in their replica, emptied of everything else, as before: never lost.
 */
export async function signOutOfWorkstation(
  db: ReplicaDb,
  outbox: Pick<OutboxPump, 'flushNow'>,
  keep: { kept: KeptOutboxDb; seal: SealOutbox } = { kept: keptOutboxDb(), seal: sealThroughMain },
): Promise<{ keptForLater: number }> {
  try {
    await outbox.flushNow();
  } catch {
    // Unsendable now: kept below.
  }
  const keptForLater = await db.outbox.count();
  const owner = replicaOwner(db.name);
  if (keptForLater > 0 && owner) await sealReplicaOutbox(db, owner, keep.kept, keep.seal).catch(() => 0);
  await call(crm().signOut());
  if ((await db.outbox.count()) === 0) await db.delete();
  else await resetReplica(db);
  return { keptForLater };
}
