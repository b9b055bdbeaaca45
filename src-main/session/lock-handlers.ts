import { z } from 'zod';
import type { IpcChannel } from '../../src-shared/contract/ipc.contract';
import { isUnreachable, isUpdateRequired } from '../hub/hub-client';
import { AppFailure } from '../ipc/app-failure';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import type { SessionManager } from './session-manager';

/**
 * What a locked workstation still answers: who is signed in (name only on the lock screen), unlock, sign-out,
 * and the quiet background work of the same person (pull, their own outbox). Everything else is refused
 * until the password is given, so nothing of the replica or the hub reaches the screen behind the lock.
 */
const WHILE_LOCKED: ReadonlySet<IpcChannel> = new Set<IpcChannel>([
  'app:info',
  'auth:session',
  'auth:sign-in',
  'auth:sign-out',
  'auth:lock',
  'auth:unlock',
  'sync:pull',
  'outbox:send',
  // "Not you? Sign out" seals what the person could not send, for them alone.
  'outbox:seal-kept',
  'notifications:show',
]);

export function guardWhileLocked(handlers: IpcHandlers, isLocked: () => boolean): IpcHandlers {
  const guarded: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [IpcChannel, (input: unknown) => Promise<unknown>][]) {
    guarded[channel] = WHILE_LOCKED.has(channel)
      ? handler
      : async (input) => {
          if (isLocked()) throw AppFailure.of('locked', 'BPO CRM is locked: enter your password to continue, or sign out.');
          return handler(input);
        };
  }
  return guarded as IpcHandlers;
}

export interface LockDeps {
  session: SessionManager;
  /** Locks now for the given reason; answers whether it locked (an idle lock waits for a Won push). */
  lockNow: (reason: 'idle' | 'os') => boolean;
  /** The session changed (locked, unlocked): tell the renderer. */
  changed: () => void;
  /** The hub said the session is over (expired or revoked) while checking the password. */
  ended: (code: 'session_expired' | 'unauthenticated') => void;
  /** The password was right (a session restored at start gets its kept outbox's key this way). */
  passwordProven: (password: string) => Promise<void>;
}

export function lockHandlers(deps: LockDeps): Pick<IpcHandlers, 'auth:lock' | 'auth:unlock'> {
  return {
    'auth:lock': async () => ({ locked: deps.lockNow('idle') }),
    'auth:unlock': async ({ password }) => {
      const { session } = deps;
      if (!session.current()) throw AppFailure.of('unauthenticated', 'Sign in first.');
      if (!session.lock.locked) return {};
      if (await checkWithHub(deps, password)) {
        await deps.passwordProven(password);
        session.lock.unlock();
        deps.changed();
      }
      return {};
    },
  };
}

/** True once the password is right; throws the reason otherwise (wrong, throttled, session over). */
async function checkWithHub(deps: LockDeps, password: string): Promise<boolean> {
  const { session } = deps;
  try {
    await session.hub().request({ method: 'POST', path: '/auth/unlock', body: { password }, schema: z.undefined() });
    session.setOnline(true);
    return true;
  } catch (error) {
    // An app the hub no longer serves (426) unlocks like one out of reach: its pipeline stays readable.
    if (!isUnreachable(error) && !isUpdateRequired(error)) {
      if (error instanceof AppFailure && (error.appError.code === 'session_expired' || error.appError.code === 'unauthenticated')) deps.ended(error.appError.code);
      throw error;
    }
  }
  return checkLocally(deps, password);
}

/** The hub is out of reach: the verifier kept since sign-in decides, with a wait after a few wrong tries. */
async function checkLocally({ session }: LockDeps, password: string): Promise<boolean> {
  const wait = session.lock.waitBeforeTry();
  if (wait > 0) throw AppFailure.of('too_many_requests', `Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} seconds.`);
  const matches = await session.matchesLocally(password);
  if (matches === null) throw AppFailure.of('hub_unreachable', 'The hub is out of reach and this sign-in keeps no offline check: unlock when the hub is back, or sign out.');
  if (matches) return true;
  session.lock.wrongPassword();
  throw AppFailure.of('invalid_credentials', 'Wrong password.');
}
