import { useMemo, useState, type FormEvent } from 'react';
import { createDealershipBodySchema, patchDealershipBodySchema } from '../../../src-shared/contract/config.schema';
import type { Dealership, OdooCompany } from '../../../src-shared/contract/entities.schema';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { FormField } from '../wizards/FormField';
import { fieldErrors, type FieldErrors } from '../wizards/field-errors';
import { BrandsInput } from './BrandsInput';
import { ConnectionFields } from './ConnectionFields';
import { DealerSetupHelp } from './DealerSetupHelp';
import { ModelRows } from './ModelRows';
import { TestConnection } from './TestConnection';
import { createBody, formOf, patchBody, type DealershipForm } from './dealership-form';
import { errorText } from '../../ui/error-text';

export const NOTHING_CHANGED = 'Nothing changed.';

interface DealershipEditorProps {
  /** The stored dealership, or null for a new one. */
  dealership: Dealership | null;
  onSaved: (dealership: Dealership) => void;
  onCancel: () => void;
}

const firstOf = (errors: FieldErrors, prefix: string) => errors[prefix] ?? Object.entries(errors).find(([path]) => path.startsWith(`${prefix}[`))?.[1];

function testBlockedBy(dealership: Dealership | null, dirty: boolean): string | null {
  if (!dealership) return 'Save the dealership first.';
  if (!dealership.connection) return 'Set and save an Odoo connection first.';
  if (dirty) return 'Save your changes first: Test Connection uses the stored connection.';
  return null;
}

/** A dealership's fields, its vehicle-model mapping, its Odoo connection, and Test Connection. */
export function DealershipEditor({ dealership, onSaved, onCancel }: DealershipEditorProps) {
  const toast = useUiStore((state) => state.toast);
  const [form, setForm] = useState<DealershipForm>(() => formOf(dealership));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [companies, setCompanies] = useState<OdooCompany[]>([]);
  const stored = useMemo(() => formOf(dealership).connection, [dealership]);
  const patch = dealership ? patchBody(dealership, form) : null;
  const dirty = patch === null || Object.keys(patch).length > 0;
  const set = <K extends keyof DealershipForm>(key: K, value: DealershipForm[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const text = (key: 'code' | 'name' | 'managerEmail') => (event: { target: { value: string } }) => set(key, event.target.value);

  async function send(): Promise<Dealership | null> {
    if (dealership && patch) {
      if (Object.keys(patch).length === 0) {
        setFailure(NOTHING_CHANGED);
        return null;
      }
      const parsed = patchDealershipBodySchema.safeParse(patch);
      if (!parsed.success) return invalid(fieldErrors(parsed.error));
      setBusy(true);
      return call(crm().updateDealership({ id: dealership.id, patch: parsed.data }));
    }
    const parsed = createDealershipBodySchema.safeParse(createBody(form));
    if (!parsed.success) return invalid(fieldErrors(parsed.error));
    setBusy(true);
    return call(crm().createDealership(parsed.data));
  }

  function invalid(found: FieldErrors): null {
    setErrors(found);
    if (found['_']) setFailure(found['_']);
    return null;
  }

  function revert() {
    if (!dealership) return onCancel();
    setForm(formOf(dealership));
    setErrors({});
    setFailure(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setErrors({});
    try {
      const saved = await send();
      if (!saved) return;
      toast('success', `Dealership ${saved.name} ${dealership ? 'saved' : 'added'}`);
      // The API key field empties again: the key is stored and never comes back.
      setForm(formOf(saved));
      onSaved(saved);
    } catch (error) {
      // The hub's words as is (a code already used, forbidden…).
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="dealership-editor" aria-label={dealership ? `Dealership ${dealership.name}` : 'New dealership'} onSubmit={(event) => void submit(event)} noValidate>
      <header className="editor-head">
        <h3>{dealership ? dealership.name : 'New dealership'}</h3>
        {dealership && dirty && <span className="unsaved">Unsaved changes</span>}
        <span className="spacer" />
        <button type="button" onClick={revert} disabled={busy}>
          {dealership ? 'Revert' : 'Cancel'}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : dealership ? 'Save' : 'Add dealership'}
        </button>
      </header>
      {failure && (
        <p className="config-error" role="alert">
          {failure}
        </p>
      )}
      <div className="editor-columns">
        <div className="editor-column">
          <fieldset className="editor-section">
            <legend>Dealership</legend>
            <div className="field-grid">
              <FormField label="Code" error={errors['code']}>
                <input className="mono" value={form.code} onChange={text('code')} autoComplete="off" spellCheck={false} />
              </FormField>
              <FormField label="Name" error={errors['name']}>
                <input value={form.name} onChange={text('name')} autoComplete="off" />
              </FormField>
              <FormField label="Brands" error={firstOf(errors, 'brands')} wide>
                <BrandsInput brands={form.brands} onChange={(brands) => set('brands', brands)} />
              </FormField>
              <FormField label="Manager e-mail" error={errors['managerEmail']} wide>
                <input type="email" value={form.managerEmail} onChange={text('managerEmail')} placeholder="Gets the Won e-mail; empty: nobody" autoComplete="off" />
              </FormField>
            </div>
          </fieldset>
          <fieldset className="editor-section">
            <legend>Vehicle models → dealer products</legend>
            <ModelRows models={form.models} errors={errors} onChange={(models) => set('models', models)} />
          </fieldset>
        </div>
        <div className="editor-column">
          <fieldset className="editor-section">
            <legend>Odoo connection</legend>
            <ConnectionFields
              connection={form.connection}
              stored={stored}
              keyStored={dealership?.connection?.hasApiKey ?? false}
              errors={errors}
              companies={companies}
              onChange={(connection) => set('connection', connection)}
            />
            <DealerSetupHelp />
          </fieldset>
          <fieldset className="editor-section">
            <legend>Test Connection</legend>
            {dealership ? (
              <TestConnection dealershipId={dealership.id} blockedBy={testBlockedBy(dealership, dirty)} onCompanies={setCompanies} />
            ) : (
              <p className="muted">{testBlockedBy(null, true)}</p>
            )}
          </fieldset>
        </div>
      </div>
    </form>
  );
}
