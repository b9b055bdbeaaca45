import { useEffect, useRef, type FormEvent, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { FOCUS_ANCHOR, trapTab } from '../../ui/focus';
import { useReturnFocus } from '../../ui/use-return-focus';
import { useOpenDialogs } from './open-dialogs.store';
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
 * A modal wizard: role="dialog" named by its title, Esc closes, the first field takes focus, Tab and
 * Shift+Tab go round inside it (a click on the backdrop does not take the focus out either), and focus
 * returns to the control that opened it on close. While it calls the hub and its buttons are disabled, the
 * dialog itself keeps the focus (the focus keeper sends it here).
 */
export function Dialog({ label, onClose, children, footer, onSubmit, busy = false }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  useReturnFocus();

  useEffect(() => {
    useOpenDialogs.getState().opened();
    return () => useOpenDialogs.getState().closed();
  }, []);

  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)');
    (first ?? ref.current)?.focus();
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

  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (ref.current) trapTab(event.nativeEvent, ref.current);
  };

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target !== event.currentTarget) return;
        // A click beside the dialog neither closes a busy one nor moves the focus out of it.
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <div className="dialog" role="dialog" aria-modal="true" aria-label={label} ref={ref} tabIndex={-1} onKeyDown={onKeyDown} {...{ [FOCUS_ANCHOR]: '' }}>
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
