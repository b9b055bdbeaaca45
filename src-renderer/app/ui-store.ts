import { create } from 'zustand';

export type View = 'home' | 'open-leads' | 'my-pipeline' | 'all-leads' | 'call-logs' | 'configuration';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

interface UiState {
  view: View;
  /** The lead form shown over the current view, or null. */
  openLeadId: string | null;
  toasts: Toast[];
  setView(view: View): void;
  openLead(leadId: string | null): void;
  toast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
}

let nextToast = 1;

/** UI state only (what is shown, toasts); server data lives in the Dexie replica. */
export const useUiStore = create<UiState>((set) => ({
  view: 'my-pipeline',
  openLeadId: null,
  toasts: [],
  setView: (view) => set({ view, openLeadId: null }),
  openLead: (openLeadId) => set({ openLeadId }),
  toast: (kind, text) => set((state) => ({ toasts: [...state.toasts.slice(-4), { id: nextToast++, kind, text }] })),
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));
