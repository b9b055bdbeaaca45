import { create } from 'zustand';
import { EMPTY_FILTER, type AllLeadsFilter } from './all-leads-query';

interface AllLeadsFilterState extends AllLeadsFilter {
  set(patch: Partial<AllLeadsFilter>): void;
  /** Every filter back to "any"; the sort stays. */
  clear(): void;
}

/** All Leads' filters and sort: UI state that survives switching views (the rows themselves come from the hub). */
export const useAllLeadsFilter = create<AllLeadsFilterState>((set) => ({
  ...EMPTY_FILTER,
  set: (patch) => set(patch),
  clear: () => set((state) => ({ ...EMPTY_FILTER, sort: state.sort })),
}));
