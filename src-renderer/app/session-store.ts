import { create } from 'zustand';
import type { ConnectionState, Session, SessionChanged, SyncProgressEvent } from '../../src-shared/contract/ipc.contract';

type SessionEnd = NonNullable<SessionChanged['ended']>;

interface SessionState {
  booted: boolean;
  session: Session | null;
  connection: ConnectionState | null;
  progress: SyncProgressEvent | null;
  /** Why the last session ended without a sign-out (shown on the sign-in screen), or null. */
  ended: SessionEnd | null;
  setSession(session: Session | null, ended?: SessionEnd | null): void;
  setConnection(connection: ConnectionState): void;
  setProgress(progress: SyncProgressEvent): void;
}

/** UI state about who is signed in and how the hub connection is doing (server data lives in Dexie). */
export const useSessionStore = create<SessionState>((set) => ({
  booted: false,
  session: null,
  connection: null,
  progress: null,
  ended: null,
  // A lock or unlock keeps the sync progress shown; a new or ended session starts it again.
  setSession: (session, ended = null) =>
    set((state) => ({ session, booted: true, ended, progress: session && state.session?.user.id === session.user.id ? state.progress : null })),
  setConnection: (connection) =>
    set((state) => ({ connection, session: state.session ? { ...state.session, online: connection.online } : null })),
  setProgress: (progress) => set({ progress }),
}));
