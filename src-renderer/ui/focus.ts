/** Keyboard focus helpers shared by dialogs, the lead drawer and the focus keeper. */

const FOCUSABLE = [
  'a[href]',
  'button:not(:disabled)',
  'input:not(:disabled):not([type="hidden"])',
  'select:not(:disabled)',
  'textarea:not(:disabled)',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** Marks an element the focus may fall back to when the control that had it goes away (see useFocusKeeper). */
export const FOCUS_ANCHOR = 'data-focus-anchor';

/** The elements Tab reaches inside `root`, in document order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  // One pass over every element keeps document order (a selector list need not, in every DOM implementation).
  return [...root.querySelectorAll<HTMLElement>('*')].filter((element) => element.matches(FOCUSABLE) && !element.closest('[hidden], [inert], [aria-hidden="true"]'));
}

/** Whether focus can still go to `element`: in the document and not disabled. */
export function canTakeFocus(element: Element | null): element is HTMLElement {
  if (!(element instanceof HTMLElement) || !element.isConnected) return false;
  if ((element as HTMLButtonElement).disabled) return false;
  return !element.closest('[inert]');
}

/** Tab and Shift+Tab go round inside `root`: a modal keeps the focus until it closes. */
export function trapTab(event: KeyboardEvent, root: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const items = tabbables(root);
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) {
    event.preventDefault();
    root.focus();
    return;
  }
  const active = document.activeElement;
  const inside = active instanceof Node && root.contains(active);
  if (event.shiftKey && (active === first || !inside || active === root)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}
