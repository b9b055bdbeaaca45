import { useEffect, useRef } from 'react';
import { FOCUS_ANCHOR, trapTab } from '../../ui/focus';
import { useReturnFocus } from '../../ui/use-return-focus';
import { useSessionStore } from '../../app/session-store';

const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['?', 'Show or hide this help'],
  ['Alt+1, Alt+2, …', 'Go to the first, second, … menu entry'],
  ['/', 'Search Open Leads'],
  ['Enter', 'Open the focused card'],
  ['Ctrl+→', 'Move the focused My Pipeline card to the next stage'],
  ['Ctrl+←', 'Move it back (refused by the pipeline rule, which says why)'],
  ['Space, ← →, Space', 'Pick up the focused My Pipeline card, choose a stage, drop it there (Esc cancels)'],
  ['Esc', 'Close the lead or this help'],
  ['F5', 'Refresh the view (pull from the hub now)'],
  ['Ctrl+Shift+R', 'Hard refresh: rebuild the local copy from the hub'],
];

/** The keyboard-shortcut sheet, opened with `?`: a modal that keeps the focus and gives it back on close. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useReturnFocus();
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" onClick={onClose}>
      <section
        ref={ref}
        className="shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        tabIndex={-1}
        {...{ [FOCUS_ANCHOR]: '' }}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => ref.current && trapTab(event.nativeEvent, ref.current)}
      >
        <div className="shortcut-help-head">
          <h2>Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <LockHelp />
      </section>
    </div>
  );
}

/** How the workstation lock works (hot-desking), with the manager's idle minutes of this session. */
function LockHelp() {
  const minutes = useSessionStore((state) => state.session?.idleLockMinutes ?? 10);
  return (
    <section className="lock-help" aria-label="Locking">
      <h3>Locking and shared desks</h3>
      <p>
        BPO CRM locks after {minutes} minute{minutes === 1 ? '' : 's'} without mouse or keyboard (your manager sets this), but never while a call timer runs or a
        Sales Order is being created. It locks at once when the computer locks, sleeps or switches user, and when the app starts again.
      </p>
      <p>
        The lock screen shows only your name: enter your password to continue (without the hub it is checked on this computer). Someone else at the desk
        uses <strong>Not you? Sign out</strong>: your waiting notes and calls are sent first, under your name — or kept on this computer, locked with your password, for your next
        sign-in if the hub is out of reach — and your copy of the leads is deleted.
      </p>
      <p>Sessions last a shift (set by your manager, 12 hours by default); then you sign in again.</p>
    </section>
  );
}
