import { useReplica } from './ReplicaProvider';
import { signOutOfWorkstation } from './sign-out';

/**
 * Signing out sends the outbox first, then deletes this user's replica from the workstation; anything the hub
 * could not take now is kept for this same person's next sign-in (sign-out.ts).
 */
export function SignOutButton({ onSignedOut }: { onSignedOut: () => void }) {
  const { db, outbox } = useReplica();
  return (
    <button
      type="button"
      onClick={async () => {
        await signOutOfWorkstation(db, outbox);
        onSignedOut();
      }}
    >
      Sign out
    </button>
  );
}
