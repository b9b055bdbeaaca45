import { useEffect } from 'react';
import { crm } from '../../bridge/crm';
import { useCallTimerStore } from '../../features/wizards/call-timer.store';

/** Input that shows someone is at the workstation. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the workstation after `minutes` without input. Never while a call timer runs (the agent is on the
 * phone); main also refuses while a Won push runs — either way the timer starts again and checks later.
 */
export function useIdleLock(minutes: number, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const idleMs = minutes * 60_000;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void expire(), idleMs);
    };
    const expire = async () => {
      timer = null;
      if (Object.keys(useCallTimerStore.getState().startedAt).length > 0) return arm();
      const answer = await crm().lock({ reason: 'idle' });
      // Locked: main tells the app (auth:session-changed). Not now (a Won push): try again after another period.
      if (!stopped && !(answer.ok && answer.value.locked)) arm();
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, arm, { capture: true, passive: true });
    arm();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, arm, { capture: true });
    };
  }, [minutes, active]);
}
