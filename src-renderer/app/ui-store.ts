import { create } from 'zustand';

export type View = 'home' | 'open-leads' | 'my-pipeline' | 'all-leads' | 'call-logs' | 'reports' | 'configuration';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

interface UiState {
  view: View;
  /** The lead form shown over the current view, or null. */
  openLeadId: string | null;
  /** A wizard the lead form opens by itself when it shows (a kanban drop on Lost); consumed on mount. */
  openLeadWizard: 'mark_lost' | null;
  toasts: Toast[];
  setView(view: View): void;
  openLead(leadId: string | null, wizard?: 'mark_lost'): void;
  takeLeadWizard(): 'mark_lost' | null;
  toast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
}

let nextToast = 1;

/** UI state only (what is shown, toasts); server data lives in the Dexie replica. */
export const useUiStore = create<UiState>((set, get) => ({
  view: 'my-pipeline',
  openLeadId: null,
  openLeadWizard: null,
  toasts: [],
  setView: (view) => set({ view, openLeadId: null, openLeadWizard: null }),
  openLead: (openLeadId, wizard) => set({ openLeadId, openLeadWizard: wizard ?? null }),
  takeLeadWizard: () => {
    const wizard = get().openLeadWizard;
    if (wizard) set({ openLeadWizard: null });
    return wizard;
  },
  toast: (kind, text) => set((state) => ({ toasts: [...state.toasts.slice(-4), { id: nextToast++, kind, text }] })),
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));
