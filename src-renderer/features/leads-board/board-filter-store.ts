import { create } from 'zustand';
import type { BoardFilter } from './board-filters';

interface BoardFilterState extends BoardFilter {
  set(patch: Partial<BoardFilter>): void;
}

/** Open Leads' brand filter, search and sort: UI state that survives switching views. */
export const useOpenLeadsFilter = create<BoardFilterState>((set) => ({
  brand: '',
  search: '',
  sort: 'oldest',
  set: (patch) => set(patch),
}));
