import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import './wizards.css';

interface DialogProps {
  label: string;
  onClose: () => void;
  children: ReactNode;
  /** The buttons row; inside the form so Enter submits. */
  footer: ReactNode;
  onSubmit?: (event: FormEvent) => void;
  /** While a call to the hub runs, Esc and the backdrop do not close. */
  busy?: boolean;
}

/**
 * A modal wizard: role="dialog" named by its title, Esc closes, the first field takes focus and focus
 * returns where it was on close.
 */
export function Dialog({ label, onClose, children, footer, onSubmit, busy = false }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)');
    first?.focus();
    return () => before?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) {
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, busy]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.(event);
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && !busy && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={label} ref={ref}>
        <header className="dialog-head">
          <h2>{label}</h2>
          <button type="button" className="dialog-close" aria-label="Close" onClick={onClose} disabled={busy}>
            ×
          </button>
        </header>
        <form className="dialog-body" onSubmit={submit} noValidate>
          {children}
          <footer className="dialog-foot">{footer}</footer>
        </form>
      </div>
    </div>
  );
}
