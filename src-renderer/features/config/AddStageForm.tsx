import { useState, type FormEvent } from 'react';
import { createStageBodySchema } from '../../../src-shared/contract/config.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { FormField } from '../wizards/FormField';
import { fieldErrors } from '../wizards/field-errors';
import { errorText } from '../../ui/error-text';
import { nextSequence } from './stage-order';

/** Adds an open stage at the end; its flags are set on its row afterwards. */
export function AddStageForm({ stages }: { stages: readonly Stage[] }) {
  const toast = useUiStore((state) => state.toast);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createStageBodySchema.safeParse({ name, sequence: nextSequence(stages) });
    if (!parsed.success) {
      setError(fieldErrors(parsed.error)['name'] ?? fieldErrors(parsed.error)['_']);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const stage = await call(crm().createStage(parsed.data));
      toast('success', `Stage "${stage.name}" added`);
      setName('');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="add-stage" onSubmit={(event) => void submit(event)} noValidate aria-label="Add a stage">
      <FormField label="New stage name" error={error}>
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Test Drive" autoComplete="off" />
      </FormField>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add stage'}
      </button>
    </form>
  );
}
