import { useState } from 'react';
import { patchUserBodySchema, PASSWORD_MIN } from '../../../src-shared/contract/config.schema';
import type { User } from '../../../src-shared/contract/entities.schema';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { Dialog } from '../wizards/Dialog';
import { DialogFooter } from '../wizards/DialogFooter';
import { FormField } from '../wizards/FormField';
import { fieldErrors } from '../wizards/field-errors';
import { errorText } from '../../ui/error-text';

export const PASSWORDS_DIFFER = 'Does not match the new password';

/** A new password for a user; the hub signs them out everywhere, so they sign in again with it. */
export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const toast = useUiStore((state) => state.toast);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setFailure(null);
    const parsed = patchUserBodySchema.safeParse({ password });
    const found = { ...(parsed.success ? {} : { password: fieldErrors(parsed.error)['password'] }), ...(repeat !== password ? { repeat: PASSWORDS_DIFFER } : {}) };
    setErrors(found);
    if (!parsed.success || found.repeat) return;
    setBusy(true);
    try {
      await call(crm().updateUser({ id: user.id, patch: parsed.data }));
      toast('success', `Password of ${user.login} reset: they are signed out and sign in with the new one`);
      onClose();
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      label={`Reset password of ${user.login}`}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={<DialogFooter onCancel={onClose} submitLabel="Reset password" busyLabel="Resetting…" busy={busy} />}
    >
      <p className="muted">
        {user.name} is signed out on every computer and signs in again with the new password. Give it to them in person.
      </p>
      <FormField label="New password" error={errors.password}>
        <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} placeholder={`At least ${PASSWORD_MIN} characters`} autoComplete="new-password" />
      </FormField>
      <FormField label="Repeat password" error={errors.repeat}>
        <input type="password" value={repeat} onChange={(event) => setRepeat(event.target.value)} autoComplete="new-password" />
      </FormField>
      {failure && (
        <p className="dialog-error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}
