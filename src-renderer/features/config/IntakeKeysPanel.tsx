import { useCallback, useEffect, useState } from 'react';
import type { IntakeKey } from '../../../src-shared/contract/config.schema';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { formatWhen } from '../wizards/local-time';
import { ConfirmDialog } from './ConfirmDialog';
import { NewIntakeKeyDialog } from './NewIntakeKeyDialog';
import { errorText } from '../../ui/error-text';

/** The keys distributor feeds send leads with: listed by name (never the key), created, revoked. */
export function IntakeKeysPanel() {
  const toast = useUiStore((state) => state.toast);
  const [keys, setKeys] = useState<IntakeKey[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<IntakeKey | null>(null);

  const load = useCallback(async () => {
    try {
      setKeys(await call(crm().listIntakeKeys()));
      setFailure(null);
    } catch (error) {
      setFailure(errorText(error));
    }
  }, []);

  useEffect(() => void load(), [load]);

  return (
    <section className="config-section config-narrow" aria-label="Intake keys">
      <p className="config-intro">A distributor feed sends leads to the hub with an intake key. Give each feed its own key, so one can be revoked without stopping the others.</p>
      <div className="config-list-bar">
        <span className="muted">{keys ? `${keys.length} key${keys.length === 1 ? '' : 's'} in use` : 'Loading…'}</span>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New intake key
        </button>
      </div>
      {failure && (
        <p className="config-error" role="alert">
          {failure}
        </p>
      )}
      {keys && keys.length > 0 && (
        <table className="config-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Created</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>{formatWhen(key.createdAt)}</td>
                <td className="row-actions">
                  <button type="button" className="danger-outline" aria-label={`Revoke ${key.name}`} onClick={() => setRevoking(key)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {keys && keys.length === 0 && <p className="muted config-empty">No intake key in use: no feed can send leads.</p>}
      {creating && <NewIntakeKeyDialog onCreated={() => void load()} onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmDialog
          label={`Revoke intake key "${revoking.name}"`}
          confirmLabel="Revoke key"
          busyLabel="Revoking…"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await call(crm().revokeIntakeKey({ id: revoking.id }));
            toast('success', `Intake key "${revoking.name}" revoked`);
            await load();
          }}
        >
          <p>
            Revoke <strong>{revoking.name}</strong>? The feed using it is refused from its next request. This cannot be undone: the feed needs a new key.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
