import { useState, type FormEvent } from 'react';
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

export function LoginScreen({ onSignedIn, ended = null }: { onSignedIn: () => void; ended?: 'expired' | 'revoked' | null }) {
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
      await call(crm().signIn({ login, password, ...(hubUrl.trim() ? { hubUrl: hubUrl.trim() } : {}) }));
      onSignedIn();
    } catch (caught) {
      setError(caught instanceof CrmError ? caught.message : 'Could not sign in.');
    } finally {
      setBusy(false);
    }
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
        <label>
          Hub address
          <input value={hubUrl} onChange={(event) => setHubUrl(event.target.value)} placeholder="Leave empty for training mode on this computer" autoComplete="url" />
        </label>
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
        {!hubUrl.trim() && (
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
