import { useEffect } from 'react';
import { canTakeFocus, FOCUS_ANCHOR } from './focus';

/**
 * Keeps keyboard focus from falling to the page body when the focused control disappears or is disabled
 * (a claimed card leaving the board, a button the lead's new stage no longer offers, a dialog's buttons while
 * it calls the hub): the focus goes to the nearest marked region (data-focus-anchor) that held the control —
 * the dialog, the lead form, the view — so a keyboard or screen-reader user is never sent back to the top.
 */
export function useFocusKeeper(fallback: () => HTMLElement | null): void {
  useEffect(() => {
    let anchors: HTMLElement[] = [];
    let last: HTMLElement | null = null;
    const onFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof HTMLElement)) return;
      last = event.target;
      anchors = [];
      for (let node: HTMLElement | null = event.target; node; node = node.parentElement) if (node.hasAttribute(FOCUS_ANCHOR)) anchors.push(node);
    };
    const rescue = () => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      if (!last || canTakeFocus(last)) return;
      const anchor = anchors.find((node) => node !== last && canTakeFocus(node)) ?? fallback();
      last = null;
      // Without scrolling: a card leaving a scrolled column must not jump the view to the top.
      anchor?.focus({ preventScroll: true });
    };
    const observer = new MutationObserver(rescue);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
    document.addEventListener('focusin', onFocusIn);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [fallback]);
}
