import { useEffect } from 'react';
import { ROLE_LABELS } from '../../src-shared/domain/roles';
import { call, crm } from '../bridge/crm';
import { LoginScreen } from '../features/login/LoginScreen';
import { Workspace } from '../features/shell/Workspace';
import { ConnectionBadge } from '../ui/ConnectionBadge';
import { SyncProgress } from '../ui/SyncProgress';
import { ReplicaProvider } from './ReplicaProvider';
import { SignOutButton } from './SignOutButton';
import { useSessionStore } from './session-store';
import { useGlobalShortcuts } from './use-global-shortcuts';

export function App() {
  const { booted, session, connection, progress, setSession, setConnection, setProgress } = useSessionStore();

  const refreshSession = async () => setSession(await call(crm().session()));

  useEffect(() => {
    void refreshSession();
    const stops = [crm().onConnectionState(setConnection), crm().onSyncProgress(setProgress)];
    return () => stops.forEach((stop) => stop());
    // subscribe once, on mount
  }, []);
  useGlobalShortcuts();

  if (!booted) return <main className="splash">Starting…</main>;
  if (!session) return <LoginScreen onSignedIn={() => void refreshSession()} />;

  return (
    <ReplicaProvider session={session}>
      <div className="shell">
        <header className="topbar">
          <strong className="brand">BPO CRM</strong>
          <SyncProgress progress={progress} />
          <span className="spacer" />
          <ConnectionBadge connection={connection} online={session.online} />
          <span className="who">
            {session.user.name} · {ROLE_LABELS[session.user.role]}
          </span>
          <button type="button" className="help-button" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' }))}>
            ?
          </button>
          <SignOutButton onSignedOut={() => setSession(null)} />
        </header>
        {!session.online && (
          <div className="offline-banner" role="status">
            {connection?.state === 'reconnecting' ? 'Reconnecting to the hub… ' : 'Offline: '}
            showing your synced pipeline read-only. Notes, calls and activities you record are kept and sent when the hub is back.
          </div>
        )}
        {!session.remembered && (
          <div className="notice-banner" role="status" aria-label="Sign-in not saved">
            This computer has no keychain to keep your sign-in encrypted, so it is not saved: it lasts until you quit BPO CRM, and you sign in again
            next time.
          </div>
        )}
        <Workspace actor={{ id: session.user.id, role: session.user.role }} />
      </div>
    </ReplicaProvider>
  );
}
