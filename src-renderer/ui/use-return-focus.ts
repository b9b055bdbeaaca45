import { useEffect } from 'react';
import { canTakeFocus } from './focus';

/**
 * A dialog or the lead drawer gives the focus back to the control that opened it when it closes. When that
 * control is gone or disabled by then, the focus keeper (useFocusKeeper) finds the nearest place instead.
 */
export function useReturnFocus(): void {
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      // After React has removed the closing element, so nothing of it takes the focus back.
      queueMicrotask(() => {
        if (canTakeFocus(opener) && opener !== document.body) opener.focus();
      });
    };
  }, []);
}
