import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { createLeadBodySchema } from '../../../src-shared/contract/leads.schema';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import { useReplica } from '../../app/ReplicaProvider';
import { useSignedInUser } from '../../app/use-signed-in-user';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { Dialog } from '../wizards/Dialog';
import { DialogFooter } from '../wizards/DialogFooter';
import { FormField } from '../wizards/FormField';
import { fieldErrors, type FieldErrors } from '../wizards/field-errors';
import { errorText } from '../../ui/error-text';
import { readLeads } from '../../db/lead-store';

export function createdToast(ref: string): string {
  return `Lead ${ref} created`;
}

export function mergedToast(ref: string): string {
  return `This customer already has an open lead (${ref}): the contact was added to its chatter`;
}

export function mergedElsewhereToast(ref: string): string {
  return `This customer already has an open lead (${ref}) held by another agent: the contact was added to that lead's chatter. Its agent follows up.`;
}

/**
 * New Lead (all roles): a manual lead through the hub's matcher. A customer who already has an open lead
 * is merged into it, and the user is taken there when they may see it: their own or a pool lead (in the
 * replica), or any lead for supervisors and managers. An agent is never sent to another agent's lead.
 */
export function NewLeadDialog({ onClose }: { onClose: () => void }) {
  const { db } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const openLead = useUiStore((state) => state.openLead);
  const signedIn = useSignedInUser();
  const seesAllLeads = signedIn ? capabilitiesOf(signedIn.role).seeAllLeads : false;
  const dealerships = useLiveQuery(() => db.dealerships.toArray(), [db], []);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [brand, setBrand] = useState('');
  const [vehicleModel, setVehicleModel] = useState('');
  const [source, setSource] = useState('manual');
  const [dealershipCode, setDealershipCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const brands = [...new Set(dealerships.flatMap((dealership) => dealership.brands))].sort();
  const shownDealerships = [...dealerships]
    .filter((dealership) => !brand.trim() || dealership.brands.some((carried) => carried.toLowerCase() === brand.trim().toLowerCase()))
    .sort((a, b) => a.name.localeCompare(b.name));

  async function submit() {
    setFailure(null);
    const parsed = createLeadBodySchema.safeParse({
      customer: { name, phone, email },
      brand,
      vehicleModel,
      source,
      ...(dealershipCode ? { dealershipCode } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await call(crm().createLead(parsed.data));
      const visible = created.outcome === 'created' || seesAllLeads || (await readLeads(db)).get(created.leadId) !== undefined;
      if (created.outcome === 'created') toast('success', createdToast(created.ref));
      else toast('info', visible ? mergedToast(created.ref) : mergedElsewhereToast(created.ref));
      onClose();
      if (visible) openLead(created.leadId);
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      label="New Lead"
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={<DialogFooter onCancel={onClose} submitLabel="Create Lead" busyLabel="Creating…" busy={busy} />}
    >
      <div className="field-grid">
        <FormField label="Customer Name" error={errors['customer.name']} wide>
          <input value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
        </FormField>
        <FormField label="Phone" error={errors['customer.phone'] ?? errors.customer}>
          <input type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} autoComplete="off" />
        </FormField>
        <FormField label="E-mail" error={errors['customer.email']}>
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="off" />
        </FormField>
        <FormField label="Brand" error={errors.brand}>
          <input value={brand} onChange={(event) => setBrand(event.target.value)} list="new-lead-brands" autoComplete="off" />
        </FormField>
        <FormField label="Vehicle Model" error={errors.vehicleModel}>
          <input value={vehicleModel} onChange={(event) => setVehicleModel(event.target.value)} autoComplete="off" />
        </FormField>
        <FormField label="Source" error={errors.source}>
          <input value={source} onChange={(event) => setSource(event.target.value)} autoComplete="off" />
        </FormField>
        <FormField label="Dealership" error={errors.dealershipCode}>
          <select value={dealershipCode} onChange={(event) => setDealershipCode(event.target.value)}>
            <option value="">Automatic (by brand)</option>
            {shownDealerships.map((dealership) => (
              <option key={dealership.id} value={dealership.code}>
                {dealership.name} ({dealership.code})
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <datalist id="new-lead-brands">
        {brands.map((known) => (
          <option key={known} value={known} />
        ))}
      </datalist>
      {failure && (
        <p className="dialog-error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}
