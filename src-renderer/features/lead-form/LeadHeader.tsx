import { useEffect, useRef, useState } from 'react';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { HEADER_ACTION_LABELS, type HeaderAction } from '../../../src-shared/domain/lead-access';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { useCallTimerStore } from '../wizards/call-timer.store';
import { errorText } from '../../ui/error-text';

export type WizardAction = Exclude<HeaderAction, 'claim' | 'call_customer'>;

interface LeadHeaderProps {
  lead: Lead;
  actions: HeaderAction[];
  onWizard: (action: WizardAction) => void;
}

/**
 * The form's buttons, exactly those the shared rule module offers; Claim Lead alone is primary. They stay in
 * one row (the call timer has its own place under them). While a call runs they are aria-disabled rather
 * than disabled, so the focused one keeps the focus; after Claim the focus goes to the first work action.
 */
export function LeadHeader({ lead, actions, onWizard }: LeadHeaderProps) {
  const toast = useUiStore((state) => state.toast);
  const startTimer = useCallTimerStore((state) => state.start);
  const [busy, setBusy] = useState<HeaderAction | null>(null);
  const [claimed, setClaimed] = useState(false);
  const toolbar = useRef<HTMLDivElement>(null);
  const offersClaim = actions.includes('claim');

  // The Claim button goes once the replica has the claim: the focus follows to the work it opened.
  useEffect(() => {
    if (!claimed || offersClaim) return;
    setClaimed(false);
    toolbar.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [claimed, offersClaim]);

  async function run(action: HeaderAction) {
    if (busy !== null) return;
    if (action === 'claim' || action === 'call_customer') {
      setBusy(action);
      try {
        if (action === 'claim') {
          const claimedLead = await call(crm().claimLead({ leadId: lead.id }));
          setClaimed(true);
          toast('success', `You are now assigned to lead ${claimedLead.ref}`);
        } else {
          await call(crm().callCustomer({ phone: lead.customer.phone ?? '' }));
          startTimer(lead.id);
        }
      } catch (error) {
        toast('error', errorText(error));
      } finally {
        setBusy(null);
      }
      return;
    }
    onWizard(action);
  }

  if (actions.length === 0) return null;
  return (
    <div className="lead-actions" role="toolbar" aria-label="Lead actions" ref={toolbar}>
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={actionClass(action)}
          disabled={action === 'call_customer' && !lead.customer.phone}
          aria-disabled={busy !== null || undefined}
          title={action === 'call_customer' && !lead.customer.phone ? 'This customer has no phone number' : undefined}
          onClick={() => void run(action)}
        >
          {HEADER_ACTION_LABELS[action]}
        </button>
      ))}
    </div>
  );
}

function actionClass(action: HeaderAction): string | undefined {
  if (action === 'claim') return 'primary';
  if (action === 'mark_won') return 'ok';
  if (action === 'mark_lost') return 'danger-outline';
  return undefined;
}
