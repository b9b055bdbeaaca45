import { useEffect, useState, type FormEvent } from 'react';
import type { MachineSetupInfo } from '../../../src-shared/contract/ipc.contract';
import { ROLE_LABELS, type Role } from '../../../src-shared/domain/roles';
import { call, crm, CrmError } from '../../bridge/crm';

/** The demo users of training mode (the hub's `--demo` seed); all use the password "training". */
const DEMO_USERS: Array<{ login: string; name: string; role: Role }> = [
  { login: 'agent1', name: 'Maria Santos', role: 'agent' },
  { login: 'agent2', name: 'Jose Reyes', role: 'agent' },
  { login: 'supervisor1', name: 'Ana Cruz', role: 'supervisor' },
  { login: 'manager1', name: 'Ramon Dela Rosa', role: 'manager' },
];

const ENDED: Record<'expired' | 'revoked', string> = {
  expired: 'The session ended: sessions last a shift. Sign in again — notes and calls not yet sent stay on this computer for the same person only.',
  revoked: 'You were signed out (the session was revoked or the account changed). Sign in again.',
};

/** IT's machine-wide settings for this computer, as main read them at start (none until known). */
function useMachineSetup(): MachineSetupInfo {
  const [machine, setMachine] = useState<MachineSetupInfo>({ kind: 'none' });
  useEffect(() => {
    let live = true;
    void call(crm().appInfo())
      .then((info) => live && info.machine && setMachine(info.machine))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return machine;
}

export function LoginScreen({ onSignedIn, ended = null }: { onSignedIn: () => void; ended?: 'expired' | 'revoked' | null }) {
  const machine = useMachineSetup();
  const [training, setTraining] = useState(false);
  const [hubUrl, setHubUrl] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const where = machine.kind === 'provisioned' ? (training ? { training: true as const } : {}) : hubUrl.trim() ? { hubUrl: hubUrl.trim() } : {};
      await call(crm().signIn({ login, password, ...where }));
      onSignedIn();
    } catch (caught) {
      setError(caught instanceof CrmError ? caught.message : 'Could not sign in.');
    } finally {
      setBusy(false);
    }
  }

  if (machine.kind === 'invalid') {
    return (
      <main className="login">
        <section className="login-card" aria-label="Sign in unavailable">
          <h1>BPO CRM Desktop</h1>
          <div className="form-error" role="alert">
            <p>
              <strong>This computer's BPO CRM settings are not valid</strong>, so no one can sign in here yet.
            </p>
            <p>
              {machine.file}: {machine.problem}
            </p>
            <p>Ask IT to correct the file, then restart BPO CRM.</p>
          </div>
        </section>
      </main>
    );
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-label="Sign in">
        <h1>BPO CRM Desktop</h1>
        {ended && (
          <p className="notice-banner" role="status">
            {ENDED[ended]}
          </p>
        )}
        {machine.kind === 'provisioned' ? (
          <>
            <p className="login-hub">
              Hub: <strong>{training ? 'training mode on this computer' : machine.hubName}</strong>
              <span className="login-hub-note"> · set by IT for this computer</span>
            </p>
            {machine.trainingAllowed && (
              <label className="login-training">
                <input type="checkbox" checked={training} onChange={(event) => setTraining(event.target.checked)} /> Training mode (practice data on this computer)
              </label>
            )}
          </>
        ) : (
          <label>
            Hub address
            <input value={hubUrl} onChange={(event) => setHubUrl(event.target.value)} placeholder="Leave empty for training mode on this computer" autoComplete="url" />
          </label>
        )}
        <label>
          Login
          <input value={login} onChange={(event) => setLogin(event.target.value)} autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {(machine.kind === 'provisioned' ? training : !hubUrl.trim()) && (
          <section className="demo-users" aria-label="Training users">
            <h2>Training mode — demo users (password “training”)</h2>
            <ul>
              {DEMO_USERS.map((user) => (
                <li key={user.login}>
                  <button
                    type="button"
                    onClick={() => {
                      setLogin(user.login);
                      setPassword('training');
                    }}
                  >
                    <strong>{user.login}</strong> {user.name} · {ROLE_LABELS[user.role]}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </form>
    </main>
  );
}
