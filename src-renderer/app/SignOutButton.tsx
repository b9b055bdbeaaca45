import { call, crm } from '../bridge/crm';
import { useReplica } from './ReplicaProvider';

/**
 * Signing out deletes this user's replica from the workstation — but only once nothing waits in the outbox;
 * otherwise it asks first, naming what would be lost.
 */
export function SignOutButton({ onSignedOut }: { onSignedOut: () => void }) {
  const { db } = useReplica();
  return (
    <button
      type="button"
      onClick={async () => {
        const waiting = await db.outbox.count();
        if (waiting > 0 && !window.confirm(`${waiting} note(s), call(s) or activit(ies) have not reached the hub yet. Signing out now discards them. Sign out anyway?`)) return;
        await call(crm().signOut());
        await db.delete();
        onSignedOut();
      }}
    >
      Sign out
    </button>
  );
}
