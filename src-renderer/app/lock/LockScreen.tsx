import { useState, type FormEvent } from 'react';
import type { Session } from '../../../src-shared/contract/ipc.contract';
import { call, crm, CrmError } from '../../bridge/crm';
import { useReplica } from '../ReplicaProvider';
import { signOutOfWorkstation } from '../sign-out';

/**
 * Shown while the workstation is locked, over an app that is hidden and inert (kept mounted so a half-typed
 * note survives): the signed-in person's name, their password to continue, and "Not you? Sign out" for the
 * next person at the desk.
 */
export function LockScreen({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const { db, outbox } = useReplica();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function unlock(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(crm().unlock({ password }));
    } catch (caught) {
      setError(caught instanceof CrmError ? caught.message : 'Could not unlock.');
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    setBusy(true);
    try {
      await signOutOfWorkstation(db, outbox);
      onSignedOut();
    } finally {
      setBusy(false);
    }
  }

  return (
    // Keys typed here never reach the app's shortcuts behind the lock (Esc would close an open lead or wizard).
    <main className="login lock-screen" onKeyDown={(event) => event.stopPropagation()}>
      <form className="login-card" onSubmit={unlock} aria-label="Locked">
        <h1>BPO CRM is locked</h1>
        <p className="lock-who">
          Signed in as <strong>{session.user.name}</strong>
        </p>
        <label>
          Password
          <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" required autoFocus />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Unlock'}
        </button>
        <button type="button" className="lock-sign-out" onClick={() => void signOut()} disabled={busy}>
          Not you? Sign out
        </button>
        {!session.online && <p className="lock-offline">The hub is out of reach: your password is checked on this computer.</p>}
      </form>
    </main>
  );
}
