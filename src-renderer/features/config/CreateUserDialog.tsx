import { useState } from 'react';
import { createUserBodySchema, PASSWORD_MIN } from '../../../src-shared/contract/config.schema';
import { ROLES, ROLE_LABELS } from '../../../src-shared/domain/roles';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { Dialog } from '../wizards/Dialog';
import { DialogFooter } from '../wizards/DialogFooter';
import { FormField } from '../wizards/FormField';
import { fieldErrors, type FieldErrors } from '../wizards/field-errors';
import { errorText } from '../../ui/error-text';

/** A new user with an initial password they sign in with (and a manager can reset later). */
export function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const toast = useUiStore((state) => state.toast);
  const [form, setForm] = useState({ login: '', name: '', email: '', role: 'agent', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((previous) => ({ ...previous, [key]: event.target.value }));

  async function submit() {
    setFailure(null);
    const parsed = createUserBodySchema.safeParse(form);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const user = await call(crm().createUser(parsed.data));
      toast('success', `User ${user.login} created (${ROLE_LABELS[user.role]})`);
      onClose();
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  }

  return (
    <Dialog label="New user" onClose={onClose} busy={busy} onSubmit={() => void submit()} footer={<DialogFooter onCancel={onClose} submitLabel="Create user" busyLabel="Creating…" busy={busy} />}>
      <div className="field-grid">
        <FormField label="Login" error={errors['login']}>
          <input value={form.login} onChange={set('login')} autoComplete="off" spellCheck={false} />
        </FormField>
        <FormField label="Role" error={errors['role']}>
          <select value={form.role} onChange={set('role')}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Name" error={errors['name']}>
          <input value={form.name} onChange={set('name')} autoComplete="off" />
        </FormField>
        <FormField label="E-mail" error={errors['email']}>
          <input type="email" value={form.email} onChange={set('email')} autoComplete="off" />
        </FormField>
        <FormField label="Initial password" error={errors['password']}>
          <input type="password" value={form.password} onChange={set('password')} placeholder={`At least ${PASSWORD_MIN} characters`} autoComplete="new-password" />
        </FormField>
      </div>
      {failure && (
        <p className="dialog-error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}
