import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { patchLeadBodySchema } from '../../../src-shared/contract/leads.schema';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { Dialog } from '../wizards/Dialog';
import { DialogFooter } from '../wizards/DialogFooter';
import { FormField } from '../wizards/FormField';
import { fieldErrors, type FieldErrors } from '../wizards/field-errors';
import { errorText } from '../../ui/error-text';

export const NOTHING_CHANGED = 'Nothing changed.';

/** The PATCH body of what differs from the lead; the version makes a concurrent edit a version_conflict. */
function changes(lead: Lead, form: { name: string; phone: string; email: string; vehicleModel: string; dealershipId: string }): Record<string, unknown> {
  const customer: Record<string, string> = {};
  if (form.name !== lead.customer.name) customer['name'] = form.name;
  if (form.phone !== (lead.customer.phone ?? '')) customer['phone'] = form.phone;
  if (form.email !== (lead.customer.email ?? '')) customer['email'] = form.email;
  return {
    ...(Object.keys(customer).length ? { customer } : {}),
    ...(form.vehicleModel !== lead.vehicleModel ? { vehicleModel: form.vehicleModel } : {}),
    ...(form.dealershipId !== (lead.dealershipId ?? '') ? { dealershipId: form.dealershipId || null } : {}),
    version: lead.version,
  };
}

/** Edit the customer, vehicle model and dealership of an open lead; the hub tracks the change in the chatter. */
export function EditLeadDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { db } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const dealerships = useLiveQuery(() => db.dealerships.toArray(), [db], []);
  const [form, setForm] = useState({
    name: lead.customer.name,
    phone: lead.customer.phone ?? '',
    email: lead.customer.email ?? '',
    vehicleModel: lead.vehicleModel,
    dealershipId: lead.dealershipId ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((previous) => ({ ...previous, [key]: event.target.value }));
  const sorted = [...dealerships].sort((a, b) => a.name.localeCompare(b.name));

  async function submit() {
    setFailure(null);
    const patch = changes(lead, form);
    if (Object.keys(patch).length === 1) {
      setFailure(NOTHING_CHANGED);
      return;
    }
    const parsed = patchLeadBodySchema.safeParse(patch);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setErrors(found);
      if (found['_']) setFailure(found['_']);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await call(crm().updateLead({ leadId: lead.id, patch: parsed.data }));
      toast('success', `${lead.ref} updated`);
      onClose();
    } catch (error) {
      // The hub's words as is (version_conflict, lead_closed, no contact left…).
      setFailure(errorText(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      label={`Edit ${lead.ref}`}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={<DialogFooter onCancel={onClose} submitLabel="Save" busyLabel="Saving…" busy={busy} />}
    >
      <div className="field-grid">
        <FormField label="Customer Name" error={errors['customer.name']} wide>
          <input value={form.name} onChange={set('name')} autoComplete="off" />
        </FormField>
        <FormField label="Phone" error={errors['customer.phone']}>
          <input type="tel" value={form.phone} onChange={set('phone')} autoComplete="off" />
        </FormField>
        <FormField label="E-mail" error={errors['customer.email']}>
          <input type="email" value={form.email} onChange={set('email')} autoComplete="off" />
        </FormField>
        <FormField label="Vehicle Model" error={errors.vehicleModel}>
          <input value={form.vehicleModel} onChange={set('vehicleModel')} autoComplete="off" />
        </FormField>
        <FormField label="Dealership" error={errors.dealershipId}>
          <select value={form.dealershipId} onChange={set('dealershipId')}>
            <option value="">Not set</option>
            {sorted.map((dealership) => (
              <option key={dealership.id} value={dealership.id}>
                {dealership.name} ({dealership.code})
              </option>
            ))}
          </select>
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
