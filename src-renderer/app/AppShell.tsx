import { ROLE_LABELS } from '../../src-shared/domain/roles';
import type { ConnectionState, Session, SyncProgressEvent } from '../../src-shared/contract/ipc.contract';
import { Workspace } from '../features/shell/Workspace';
import { ConnectionBadge } from '../ui/ConnectionBadge';
import { SyncProgress } from '../ui/SyncProgress';
import { SignOutButton } from './SignOutButton';
import { UpdateBanner } from './UpdateBanner';
import { useIdleLock } from './lock/use-idle-lock';
import { useSignedInUser } from './use-signed-in-user';

interface AppShellProps {
  session: Session;
  connection: ConnectionState | null;
  progress: SyncProgressEvent | null;
  onSignedOut: () => void;
}

/** The signed-in window: top bar, banners and the workspace, with the user's role as the hub has it now. */
export function AppShell({ session, connection, progress, onSignedOut }: AppShellProps) {
  const user = useSignedInUser() ?? session.user;
  useIdleLock(session.idleLockMinutes, !session.locked);
  return (
    // Locked: hidden and inert (nothing visible, nothing focusable), yet mounted so open work survives the lock.
    <div className="shell" hidden={session.locked} inert={session.locked}>
      <header className="topbar">
        <h1 className="brand">BPO CRM</h1>
        <SyncProgress progress={progress} />
        <span className="spacer" />
        <ConnectionBadge connection={connection} online={session.online} />
        <span className="who">
          {user.name} · {ROLE_LABELS[user.role]}
        </span>
        <button type="button" className="help-button" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' }))}>
          ?
        </button>
        <SignOutButton onSignedOut={onSignedOut} />
      </header>
      {connection?.state === 'update_required' ? (
        <div className="update-banner" role="alert" aria-label="Update required">
          Update required: the hub no longer serves this version of BPO CRM. Restart the app to install the update, or ask IT to update this computer. Until then
          your synced pipeline is shown read-only; notes, calls and activities you record are kept and sent after the update.
        </div>
      ) : (
        !session.online && (
          <div className="offline-banner" role="status">
            {connection?.state === 'reconnecting' ? 'Reconnecting to the hub… ' : 'Offline: '}
            showing your synced pipeline read-only. Notes, calls and activities you record are kept and sent when the hub is back.
          </div>
        )
      )}
      {!session.remembered && (
        <div className="notice-banner" role="status" aria-label="Sign-in not saved">
          This computer has no keychain to keep your sign-in encrypted, so it is not saved: it lasts until you quit BPO CRM, and you sign in again next
          time.
        </div>
      )}
      <UpdateBanner />
      <Workspace actor={{ id: user.id, role: user.role }} />
    </div>
  );
}
