import { useEffect } from 'react';
import { call, crm } from '../bridge/crm';
import { LoginScreen } from '../features/login/LoginScreen';
import { AppShell } from './AppShell';
import { ReplicaProvider } from './ReplicaProvider';
import { useSessionStore } from './session-store';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { LockScreen } from './lock/LockScreen';
import { useLockedTitle } from './lock/use-locked-title';

export function App() {
  const { booted, session, ended, connection, progress, setSession, setConnection, setProgress } = useSessionStore();

  const refreshSession = async () => setSession(await call(crm().session()));

  useEffect(() => {
    void refreshSession();
    const stops = [
      crm().onConnectionState(setConnection),
      crm().onSyncProgress(setProgress),
      crm().onSessionChanged((change) => setSession(change.session, change.ended)),
    ];
    return () => stops.forEach((stop) => stop());
    // subscribe once, on mount
  }, []);
  useGlobalShortcuts();
  useLockedTitle(session?.locked ?? false);

  if (!booted) return <main className="splash">Starting…</main>;
  if (!session) return <LoginScreen onSignedIn={() => void refreshSession()} ended={ended} />;

  return (
    <ReplicaProvider session={session}>
      <AppShell session={session} connection={connection} progress={progress} onSignedOut={() => setSession(null)} />
      {session.locked && <LockScreen session={session} onSignedOut={() => setSession(null)} />}
    </ReplicaProvider>
  );
}
