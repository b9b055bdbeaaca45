import { ROLE_LABELS } from '../../src-shared/domain/roles';

/** Placeholder shell until the desktop core lands. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>BPO CRM Desktop</h1>
      <p>Roles: {Object.values(ROLE_LABELS).join(', ')}</p>
    </main>
  );
}
