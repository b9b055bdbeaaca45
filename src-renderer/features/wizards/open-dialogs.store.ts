import { create } from 'zustand';

interface OpenDialogsState {
  /** How many wizards are open now (each Dialog counts itself while mounted). */
  open: number;
  opened(): void;
  closed(): void;
}

/** Whether a wizard is open: what must not be cut off by a restart to update. UI state only. */
export const useOpenDialogs = create<OpenDialogsState>((set) => ({
  open: 0,
  opened: () => set((state) => ({ open: state.open + 1 })),
  closed: () => set((state) => ({ open: Math.max(0, state.open - 1) })),
}));
