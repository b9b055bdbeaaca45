import { useCallback, useState, type RefCallback } from 'react';

/**
 * The width of an element, followed as it resizes: charts are drawn at a measured size (0 until measured,
 * and under jsdom, which has no layout, so charts there stay undrawn and their tables carry the numbers).
 */
export function useElementWidth<T extends HTMLElement>(): [RefCallback<T>, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: T | null) => {
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
