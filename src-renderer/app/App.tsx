import { useEffect } from 'react';
import { call, crm } from '../bridge/crm';
import { LoginScreen } from '../features/login/LoginScreen';
import { AppShell } from './AppShell';
import { ReplicaProvider } from './ReplicaProvider';
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
      <AppShell session={session} connection={connection} progress={progress} onSignedOut={() => setSession(null)} />
    </ReplicaProvider>
  );
}
