import { useState } from 'react';
import type { User } from '../../../src-shared/contract/entities.schema';
import { ROLES, ROLE_LABELS, type Role } from '../../../src-shared/domain/roles';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { errorText } from '../../ui/error-text';

interface UserRowProps {
  user: User;
  /** The signed-in manager: the hub refuses their own demotion and deactivation, so the row does not offer them. */
  isSelf: boolean;
  onError: (message: string | null) => void;
  onResetPassword: () => void;
  onDeactivate: () => void;
}

/** A user: role changed in place, password reset and (de)activation from the row's buttons. */
export function UserRow({ user, isSelf, onError, onResetPassword, onDeactivate }: UserRowProps) {
  const toast = useUiStore((state) => state.toast);
  const [busy, setBusy] = useState(false);

  async function update(patch: { role?: Role; active?: boolean }, done: string) {
    setBusy(true);
    onError(null);
    try {
      await call(crm().updateUser({ id: user.id, patch }));
      toast('success', done);
    } catch (error) {
      onError(`${user.login}: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const selfNote = isSelf ? 'You cannot change your own role or deactivate yourself: ask another manager.' : undefined;
  return (
    <tr className={user.active ? undefined : 'inactive'} aria-busy={busy} data-user-id={user.id}>
      <td>
        {user.name}
        {isSelf && <span className="muted"> (you)</span>}
      </td>
      <td className="mono">{user.login}</td>
      <td>{user.email}</td>
      <td>
        <select
          aria-label={`Role of ${user.login}`}
          value={user.role}
          disabled={busy || isSelf}
          title={selfNote}
          onChange={(event) => {
            const role = event.target.value as Role;
            void update({ role }, `${user.login} is now ${ROLE_LABELS[role]}`);
          }}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </td>
      <td>{user.active ? <span className="status-badge status-sent">Active</span> : <span className="status-badge status-inactive">Inactive</span>}</td>
      <td className="row-actions">
        <button type="button" disabled={busy} onClick={onResetPassword}>
          Reset password…
        </button>
        {user.active ? (
          <button type="button" className="danger-outline" disabled={busy || isSelf} title={selfNote} onClick={onDeactivate}>
            Deactivate
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => void update({ active: true }, `${user.login} reactivated: they can sign in again`)}>
            Reactivate
          </button>
        )}
      </td>
    </tr>
  );
}
