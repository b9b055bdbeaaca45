import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { User } from '../../../src-shared/contract/entities.schema';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { ConfirmDialog } from './ConfirmDialog';
import { CreateUserDialog } from './CreateUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserRow } from './UserRow';

type Open = { kind: 'create' } | { kind: 'reset'; user: User } | { kind: 'deactivate'; user: User } | null;

/** Who may sign in and with which role (roles are cumulative: manager ⊃ supervisor ⊃ agent). */
export function UsersPanel({ actorId }: { actorId: string }) {
  const { db } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const rows = useLiveQuery(() => db.users.toArray(), [db]);
  const users = useMemo(() => [...(rows ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)), [rows]);
  const [open, setOpen] = useState<Open>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => setOpen(null);

  if (rows === undefined) return <p className="config-loading">Loading…</p>;
  const active = users.filter((user) => user.active).length;
  return (
    <section className="config-section" aria-label="Users">
      <div className="config-list-bar">
        <span className="muted">
          {active} active, {users.length - active} inactive
        </span>
        <button type="button" className="primary" onClick={() => setOpen({ kind: 'create' })}>
          New user
        </button>
      </div>
      {failure && (
        <p className="config-error" role="alert">
          {failure}
        </p>
      )}
      <table className="config-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Login</th>
            <th>E-mail</th>
            <th>Role</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === actorId}
              onError={setFailure}
              onResetPassword={() => setOpen({ kind: 'reset', user })}
              onDeactivate={() => setOpen({ kind: 'deactivate', user })}
            />
          ))}
        </tbody>
      </table>
      {open?.kind === 'create' && <CreateUserDialog onClose={close} />}
      {open?.kind === 'reset' && <ResetPasswordDialog user={open.user} onClose={close} />}
      {open?.kind === 'deactivate' && (
        <ConfirmDialog
          label={`Deactivate ${open.user.login}`}
          confirmLabel="Deactivate"
          busyLabel="Deactivating…"
          onClose={close}
          onConfirm={async () => {
            await call(crm().updateUser({ id: open.user.id, patch: { active: false } }));
            toast('success', `${open.user.login} deactivated`);
          }}
        >
          <p>
            Deactivate <strong>{open.user.name}</strong> ({open.user.login})? They are signed out on every computer and cannot sign in until a manager reactivates them. Their leads stay
            assigned to them: reassign them from All Leads.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
