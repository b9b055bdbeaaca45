interface DialogFooterProps {
  onCancel: () => void;
  submitLabel: string;
  /** Shown on the submit button while the call runs (defaults to the submit label). */
  busyLabel?: string;
  busy?: boolean;
  /** Also disable Cancel while busy (dialogs that call the hub directly). */
  lockCancel?: boolean;
  tone?: 'primary' | 'danger';
}

/** The buttons row of a wizard: Cancel, then the submit button (Enter submits the form). */
export function DialogFooter({ onCancel, submitLabel, busyLabel, busy = false, lockCancel = true, tone = 'primary' }: DialogFooterProps) {
  return (
    <>
      <button type="button" onClick={onCancel} disabled={lockCancel && busy}>
        Cancel
      </button>
      <button type="submit" className={tone} disabled={busy}>
        {busy && busyLabel ? busyLabel : submitLabel}
      </button>
    </>
  );
}
