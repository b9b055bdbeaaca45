import { useSyncExternalStore } from 'react';

/** Ages on cards, "today" and the unclaimed-lead alerts move by the minute; nothing on a board needs seconds. */
export const CLOCK_TICK_MS = 60_000;

/**
 * One clock for the whole window: a single interval while anything shows a time, however many boards, cards
 * and checks read it. A tick re-renders only the components that read the clock (each board once, which then
 * renders the few cards its virtualised columns hold), never a timer per card.
 */
const listeners = new Set<() => void>();
let timer: number | undefined;
let now = new Date();

function tick(): void {
  now = new Date();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) timer = window.setInterval(tick, CLOCK_TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): Date {
  // Nobody was listening, so nothing moved the clock: the first reader gets the time now, not when it stopped
  // (either way: the system clock may have been set back).
  if (timer === undefined && Math.abs(Date.now() - now.getTime()) >= CLOCK_TICK_MS) now = new Date();
  return now;
}

/** The current time, the same Date for every reader until the next tick of the shared clock. */
export function useNow(): Date {
  return useSyncExternalStore(subscribe, snapshot);
}
