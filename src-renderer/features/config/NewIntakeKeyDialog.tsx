import { useRef, useState } from 'react';
import { createIntakeKeyBodySchema, type IntakeKeyCreated } from '../../../src-shared/contract/config.schema';
import { call, crm } from '../../bridge/crm';
import { Dialog } from '../wizards/Dialog';
import { DialogFooter } from '../wizards/DialogFooter';
import { FormField } from '../wizards/FormField';
import { fieldErrors } from '../wizards/field-errors';
import { errorText } from '../../ui/error-text';

export const SHOWN_ONCE = 'Copy the key now: it will not be shown again. The hub keeps only a fingerprint of it.';

/** Names a new intake key, then shows the key once, with a copy button. */
export function NewIntakeKeyDialog({ onCreated, onClose }: { onCreated: () => void; onClose: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<IntakeKeyCreated | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const keyField = useRef<HTMLInputElement>(null);

  async function submit() {
    if (created) return onClose();
    setFailure(null);
    const parsed = createIntakeKeyBodySchema.safeParse({ name });
    if (!parsed.success) {
      setError(fieldErrors(parsed.error)['name']);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      setCreated(await call(crm().createIntakeKey(parsed.data)));
      onCreated();
    } catch (failed) {
      setFailure(errorText(failed));
    } finally {
      setBusy(false);
    }
  }

  async function copy(key: string) {
    try {
      await navigator.clipboard.writeText(key);
      setCopied('Copied to the clipboard.');
    } catch {
      keyField.current?.select();
      setCopied('Copying was refused: the key is selected, press Ctrl+C.');
    }
  }

  if (created) {
    return (
      <Dialog
        label={`Intake key "${created.name}"`}
        onClose={onClose}
        onSubmit={onClose}
        footer={
          <button type="submit" className="primary">
            Done
          </button>
        }
      >
        <p className="config-warning">{SHOWN_ONCE}</p>
        <div className="key-reveal">
          <input ref={keyField} className="mono" aria-label="Intake key" value={created.key} readOnly onFocus={(event) => event.target.select()} />
          <button type="button" onClick={() => void copy(created.key)}>
            Copy
          </button>
        </div>
        {copied && <p className="muted" role="status">{copied}</p>}
        <p className="muted">The distributor feed sends it in the X-Intake-Key header of POST /intake/leads.</p>
      </Dialog>
    );
  }

  return (
    <Dialog label="New intake key" onClose={onClose} busy={busy} onSubmit={() => void submit()} footer={<DialogFooter onCancel={onClose} submitLabel="Create key" busyLabel="Creating…" busy={busy} />}>
      <FormField label="Name" error={error}>
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="Who uses it, e.g. Distributor feed" autoComplete="off" />
      </FormField>
      {failure && (
        <p className="dialog-error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}
