import { useState, type ReactNode } from 'react';
import { Dialog } from '../wizards/Dialog';
import { DialogFooter } from '../wizards/DialogFooter';
import { errorText } from '../../ui/error-text';

interface ConfirmDialogProps {
  label: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  tone?: 'primary' | 'danger';
  /** The call to the hub; the dialog closes when it resolves and shows its error as is when it fails. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** "Are you sure?" before a change that cannot be taken back (delete, revoke, deactivate). */
export function ConfirmDialog({ label, children, confirmLabel, busyLabel, tone = 'danger', onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function confirm() {
    setFailure(null);
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      label={label}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void confirm()}
      footer={<DialogFooter onCancel={onClose} submitLabel={confirmLabel} busyLabel={busyLabel} busy={busy} tone={tone} />}
    >
      {children}
      {failure && (
        <p className="dialog-error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}
