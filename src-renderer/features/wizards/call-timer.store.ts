import { create } from 'zustand';

interface CallTimerState {
  /** When Call Customer was pressed, per lead (ms since epoch). */
  startedAt: Record<string, number>;
  start(leadId: string, now?: number): void;
  stop(leadId: string): void;
}

/** The running call of Call Customer, so Log Call can prefill its duration. UI state only. */
export const useCallTimerStore = create<CallTimerState>((set) => ({
  startedAt: {},
  start: (leadId, now = Date.now()) => set((state) => ({ startedAt: { ...state.startedAt, [leadId]: now } })),
  stop: (leadId) =>
    set((state) => {
      const { [leadId]: _stopped, ...rest } = state.startedAt;
      return { startedAt: rest };
    }),
}));

/** Whole minutes of a call, rounded up (a 10-second call is 1 minute). */
export function callMinutes(startedAt: number, now = Date.now()): number {
  return Math.max(1, Math.ceil((now - startedAt) / 60_000));
}

/** `mm:ss` (or `h:mm:ss`) of an elapsed time. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
