import type { AppInfo } from '../../src-shared/contract/ipc.contract';
import { describeMachineSetup, signInHubUrl, type MachineSetup } from '../config/machine-config';
import type { HubConnection } from '../core/hub-connection';
import { AppFailure } from '../ipc/app-failure';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import type { SessionManager } from './session-manager';

export interface SessionHandlerDeps {
  session: SessionManager;
  connection: HubConnection;
  appInfo: AppInfo;
  machine: MachineSetup | undefined;
  /** Training mode's embedded hub, started on demand. */
  trainingHubUrl: () => Promise<string | null>;
  /** The signed-in person proved their password (their kept outbox's key opens with it). */
  passwordProven: (password: string) => Promise<void>;
  /** A person signed in: the next pull may ask for a first page before the replica says its cursor. */
  firstSyncLikely: () => void;
  /** The person signed out: nothing of theirs stays open in memory. */
  signedOut: () => void;
}

/** Who is signed in, to which hub: the app's identity, sign-in (IT's hub or the typed one), sign-out. */
export function sessionHandlers(deps: SessionHandlerDeps): Pick<IpcHandlers, 'app:info' | 'auth:sign-in' | 'auth:sign-out' | 'auth:session'> {
  const { session, connection } = deps;
  return {
    'app:info': async () => (deps.machine ? { ...deps.appInfo, machine: describeMachineSetup(deps.machine) } : deps.appInfo),
    'auth:sign-in': async (input) => {
      const hubUrl = await signInHubUrl(deps.machine ?? { kind: 'none', file: '' }, input, session.lastHubUrl(), deps.trainingHubUrl);
      if (!hubUrl) throw AppFailure.of('invalid_input', 'Enter the hub address your administrator gave you.');
      // The first sync starts the moment the hub accepts the password (a shift's board is waited for).
      let connected = false;
      try {
        const user = await session.signIn(hubUrl, input.login, input.password, () => {
          connected = true;
          deps.firstSyncLikely();
          connection.connect();
        });
        await deps.passwordProven(input.password);
        return user;
      } catch (error) {
        // Failed after the hub accepted it: its sync stops with it, unless another sign-in has taken over.
        if (connected && session.current() === null) connection.stop();
        throw error;
      }
    },
    'auth:sign-out': async () => {
      connection.stop();
      await session.signOut();
      deps.signedOut();
      connection.emitConnection('offline');
      return undefined;
    },
    'auth:session': async () => session.current(),
  };
}
