import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { BoardFilter } from './board-filters';
import { DEFAULT_STALE_AFTER, isStaleThreshold, type StaleAfterMinutes } from './stale-leads';

interface OpenLeadsFilterState extends BoardFilter {
  /** Supervisors' floor view: cards waiting longer than this are highlighted as stale. */
  staleAfterMin: StaleAfterMinutes;
  set(patch: Partial<BoardFilter & { staleAfterMin: StaleAfterMinutes }>): void;
}

/**
 * Open Leads' brand filter, search and sort: UI state that survives switching views. The stale threshold is a
 * supervisor's standing choice, so it is also kept on this workstation across restarts.
 */
export const useOpenLeadsFilter = create<OpenLeadsFilterState>()(
  persist(
    (set) => ({
      brand: '',
      search: '',
      sort: 'oldest',
      staleAfterMin: DEFAULT_STALE_AFTER,
      set: (patch) => set(patch),
    }),
    {
      name: 'crm:open-leads-filter',
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ staleAfterMin: state.staleAfterMin }),
      // A value from an older build that is no longer offered falls back to the default.
      merge: (persisted, current) => {
        const stored = (persisted as { staleAfterMin?: unknown } | undefined)?.staleAfterMin;
        return { ...current, staleAfterMin: typeof stored === 'number' && isStaleThreshold(stored) ? stored : current.staleAfterMin };
      },
    },
  ),
);
