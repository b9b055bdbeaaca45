import type { Page } from 'playwright-core';

/**
 * What axe cannot check, measured in the page: where the focus is, the focus ring's contrast against what it
 * is drawn on, and whether the notifications tray lies over a control. The page side is plain JavaScript
 * (this side of the tests has no DOM types), installed once per page like axe.
 */

const PROBE = String.raw`(() => {
  const rgb = (text) => { const m = /rgba?\(([^)]+)\)/.exec(text || ''); if (!m) return null; const [r, g, b, a = 1] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r, g, b, a }; };
  const lum = ({ r, g, b }) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (x, y) => { const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p); return (hi + 0.05) / (lo + 0.05); };
  const backgroundOf = (element) => { for (let node = element; node; node = node.parentElement) { const c = rgb(getComputedStyle(node).backgroundColor); if (c && c.a === 1) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
  const colorsIn = (shadow) => (shadow.match(/rgba?\([^)]+\)/g) || []).map(rgb);
  const hex = ({ r, g, b }) => '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
  window.__a11y = {
    focused() {
      const el = document.activeElement;
      if (!el || el === document.body) return { tag: 'body', name: '', role: null, leadId: null, dialog: null };
      return { tag: el.tagName.toLowerCase(), name: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 80), role: el.getAttribute('role'), leadId: el.getAttribute('data-lead-id'), dialog: el.closest('[role="dialog"]')?.getAttribute('aria-label') ?? null };
    },
    ring() {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      // An outline drawn outside sits on what is around the element; one drawn inside, and an inset shadow, on the element.
      const inside = !outline || parseFloat(style.outlineOffset) < 0;
      const against = inside ? backgroundOf(el) : backgroundOf(el.parentElement);
      const colors = outline ? [rgb(style.outlineColor)] : colorsIn(style.boxShadow);
      const best = Math.max(0, ...colors.filter(Boolean).map((c) => ratio(c, against)));
      return { ring: colors.filter(Boolean).map(hex), against: hex(against), ratio: Math.round(best * 100) / 100, width: outline ? parseFloat(style.outlineWidth) : 2 };
    },
    coveredBy(selector) {
      const tray = document.querySelector(selector).getBoundingClientRect();
      if (tray.height === 0) return [];
      return [...document.querySelectorAll('button, input, select, textarea, a[href], [tabindex="0"]')]
        .filter((el) => !el.closest(selector))
        .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.left < tray.right && r.right > tray.left && r.top < tray.bottom && r.bottom > tray.top && document.elementFromPoint((Math.max(r.left, tray.left) + Math.min(r.right, tray.right)) / 2, (Math.max(r.top, tray.top) + Math.min(r.bottom, tray.bottom)) / 2)?.closest(selector); })
        .map((el) => (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 40));
    },
  };
})()`;

export interface Focused {
  tag: string;
  name: string;
  role: string | null;
  leadId: string | null;
  /** The dialog holding the focus, by its name. */
  dialog: string | null;
}

export interface Ring {
  ring: string[];
  against: string;
  ratio: number;
  width: number;
}

async function probe<T>(page: Page, call: string): Promise<T> {
  const installed = await page.evaluate('typeof window.__a11y === "object"');
  if (!installed) await page.evaluate(PROBE);
  return (await page.evaluate(call)) as T;
}

export const focused = (page: Page) => probe<Focused>(page, 'window.__a11y.focused()');
export const focusRing = (page: Page) => probe<Ring>(page, 'window.__a11y.ring()');
/** Controls outside `selector` that it lies over (each checked at the middle of the overlap). */
export const coveredBy = (page: Page, selector: string) => probe<string[]>(page, `window.__a11y.coveredBy(${JSON.stringify(selector)})`);
