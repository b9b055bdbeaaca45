import { useEffect } from 'react';
import { useUiStore, type Toast } from '../../app/ui-store';

const AUTO_DISMISS_MS = 6_000;

/**
 * The notifications tray: a strip the layout gives the toasts below the workspace, so a toast never lies over
 * a control (the note composer, a card, a dialog's buttons). Two live regions that are always there, so a
 * screen reader announces each toast as it arrives: a polite one for successes and news, an assertive one
 * for errors. Success and info toasts leave after a few seconds; errors stay until closed.
 */
export function Toasts() {
  const toasts = useUiStore((state) => state.toasts);
  const dismiss = useUiStore((state) => state.dismissToast);
  const item = (toast: Toast) => <ToastItem key={toast.id} toast={toast} onClose={() => dismiss(toast.id)} />;
  return (
    <section className={toasts.length > 0 ? 'toast-tray has-toasts' : 'toast-tray'} aria-label="Notifications">
      <div className="toast-list" role="status">
        {toasts.filter((toast) => toast.kind !== 'error').map(item)}
      </div>
      <div className="toast-list" role="alert">
        {toasts.filter((toast) => toast.kind === 'error').map(item)}
      </div>
    </section>
  );
}

function ToastItem({ toast, onClose }: { toast: Toast; onClose: () => void }) {
  useEffect(() => {
    if (toast.kind === 'error') return;
    const timer = window.setTimeout(onClose, AUTO_DISMISS_MS);
    return () => window.clearTimeout(timer);
    // the timer starts once, when the toast appears
  }, [toast.id]);
  return (
    <div className={`toast toast-${toast.kind}`}>
      <span className="toast-text">{toast.text}</span>
      <button type="button" className="toast-close" onClick={onClose} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
