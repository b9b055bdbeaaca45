import { call, crm } from '../bridge/crm';
import { resetReplica } from '../db/apply-sync-page';
import type { OutboxPump } from '../db/outbox';
import type { ReplicaDb } from '../db/replica-db';

/**
 * Signing out on a shared workstation (also "Not you? Sign out" on the lock screen). The person's outbox is
 * sent first, with their own session, before the token is revoked. What cannot be sent now (the hub out of
 * reach, or refused) stays in their own replica database, emptied of everything else: only their next sign-in
 * on this hub opens it again, so nobody else ever sends their notes. With nothing left, the replica goes.
 */
export async function signOutOfWorkstation(db: ReplicaDb, outbox: Pick<OutboxPump, 'flushNow'>): Promise<{ keptForLater: number }> {
  try {
    await outbox.flushNow();
  } catch {
    // Unsendable now: kept below.
  }
  const keptForLater = await db.outbox.count();
  await call(crm().signOut());
  if (keptForLater === 0) await db.delete();
  else await resetReplica(db);
  return { keptForLater };
}
