import { useState } from 'react';
import { isLostReason, LOST_REASONS, LOST_REASON_LABELS } from '../../../src-shared/domain/lost-reasons';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { Dialog } from './Dialog';
import { DialogFooter } from './DialogFooter';
import { FormField } from './FormField';
import { errorText } from '../../ui/error-text';

export const LOST_REASON_REQUIRED = 'Lost Reason must be set';

/** Mark as Lost: the wizard does not close without a reason (the documents' troubleshooting line says so). */
export function MarkLostWizard({ leadId, leadRef, onClose }: { leadId: string; leadRef: string; onClose: () => void }) {
  const toast = useUiStore((state) => state.toast);
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setFailure(null);
    if (!isLostReason(reason)) {
      setReasonError(LOST_REASON_REQUIRED);
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    try {
      await call(crm().markLost({ leadId, reason, ...(notes.trim() ? { notes: notes.trim() } : {}) }));
      toast('info', `${leadRef} marked as Lost (${LOST_REASON_LABELS[reason]})`);
      onClose();
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      label="Mark as Lost"
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={<DialogFooter onCancel={onClose} submitLabel="Mark as Lost" busyLabel="Marking as Lost…" busy={busy} tone="danger" />}
    >
      <FormField label="Lost Reason" error={reasonError}>
        <select value={reason} onChange={(event) => setReason(event.target.value)} required>
          <option value="">Select a reason…</option>
          {LOST_REASONS.map((value) => (
            <option key={value} value={value}>
              {LOST_REASON_LABELS[value]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Notes" wide>
        <textarea rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} placeholder="The specifics: which competitor, what price…" />
      </FormField>
      {failure && (
        <p className="dialog-error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}
