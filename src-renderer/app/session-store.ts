import { create } from 'zustand';
import type { ConnectionState, Session, SyncProgressEvent } from '../../src-shared/contract/ipc.contract';

interface SessionState {
  booted: boolean;
  session: Session | null;
  connection: ConnectionState | null;
  progress: SyncProgressEvent | null;
  setSession(session: Session | null): void;
  setConnection(connection: ConnectionState): void;
  setProgress(progress: SyncProgressEvent): void;
}

/** UI state about who is signed in and how the hub connection is doing (server data lives in Dexie). */
export const useSessionStore = create<SessionState>((set) => ({
  booted: false,
  session: null,
  connection: null,
  progress: null,
  setSession: (session) => set({ session, booted: true, progress: null }),
  setConnection: (connection) =>
    set((state) => ({ connection, session: state.session ? { ...state.session, online: connection.online } : null })),
  setProgress: (progress) => set({ progress }),
}));
