import { z } from 'zod';
import { loginResponseSchema, meResponseSchema } from '../../src-shared/contract/auth.schema';
import { userSchema, type User } from '../../src-shared/contract/entities.schema';
import type { Session } from '../../src-shared/contract/ipc.contract';
import { DEFAULT_WORKSTATION_SETTINGS, workstationSettingsSchema } from '../../src-shared/contract/settings.schema';
import { HubClient, isUnreachable, isUpdateRequired, type HubClientOptions } from '../hub/hub-client';
import { checkHubUrl } from '../hub/hub-url';
import { AppFailure } from '../ipc/app-failure';
import { makeVerifier, matchesVerifier, type VerifierCost } from './local-verifier';
import type { SecretStore } from './secret-store';
import { WorkstationLock } from './workstation-lock';

const storedSessionSchema = z.object({
  hubUrl: z.string(),
  token: z.string(),
  user: userSchema,
  /** The offline unlock check (local-verifier.ts); absent in sessions saved before the idle lock. */
  verifier: z.string().optional(),
  idleLockMinutes: z.int().positive().optional(),
});
type StoredSession = z.infer<typeof storedSessionSchema>;

/**
 * Who is signed in, to which hub. The token stays here (encrypted at rest); the renderer only ever learns
 * the user, whether the hub is reachable and whether the sign-in is remembered.
 */
export class SessionManager {
  private session: StoredSession | null = null;
  private online = false;
  private remembered = false;
  private client: HubClient | null = null;
  /** The hub of the last session, kept after it ends so the sign-in screen needs no address again. */
  private previousHubUrl: string | null = null;
  readonly lock: WorkstationLock;

  constructor(
    private readonly store: SecretStore,
    private readonly clientOptions: HubClientOptions = {},
    private readonly logError: (message: string, error: unknown) => void = () => undefined,
    private readonly verifierCost?: VerifierCost,
    now?: () => number,
  ) {
    this.lock = new WorkstationLock(now);
  }

  /**
   * At start: a stored session is checked with the hub; without the hub it opens read-only (offline). Either
   * way it opens locked: whoever sits at the computer now proves they are the person it belongs to.
   */
  async restore(): Promise<Session | null> {
    const raw = this.store.read();
    const parsed = raw ? storedSessionSchema.safeParse(safeJson(raw)) : null;
    if (!parsed?.success) return null;
    this.use(parsed.data);
    this.remembered = true;
    this.lock.lock();
    try {
      const user = await this.hub().request({ method: 'GET', path: '/me', schema: meResponseSchema });
      this.use({ ...parsed.data, user, ...(await this.fetchIdleMinutes(this.hub())) });
      this.online = true;
      this.keep();
    } catch (error) {
      // An update pending keeps the session, read-only, like an unreachable hub: nothing is wrong with it.
      if (!isUnreachable(error) && !isUpdateRequired(error)) {
        this.endedAtRestore = error instanceof AppFailure && error.appError.code === 'session_expired' ? 'expired' : 'revoked';
        this.forget();
        return null;
      }
      this.online = false;
    }
    return this.current();
  }

  /** Why the saved session could not be restored (the hub refused it), or null. */
  endedAtRestore: 'expired' | 'revoked' | null = null;

  /**
   * Signs in. `accepted` runs as soon as the hub has accepted the password and the session is in use, so the
   * caller can start the first sync while the offline unlock check is made and the workstation settings are read
   * (a shift's first board waits for neither); the session is saved once both are known.
   */
  async signIn(hubUrlText: string, login: string, password: string, accepted: () => void = () => undefined): Promise<User> {
    const hubUrl = checkHubUrl(hubUrlText);
    const client = new HubClient(hubUrl, () => null, this.clientOptions);
    const answer = await client.request({ method: 'POST', path: '/auth/login', body: { login, password }, schema: loginResponseSchema });
    this.use({ hubUrl, token: answer.token, user: answer.user });
    this.online = true;
    this.lock.unlock();
    accepted();
    let verifier: string;
    let settings: { idleLockMinutes?: number };
    try {
      [verifier, settings] = await Promise.all([makeVerifier(password, this.verifierCost), this.fetchIdleMinutes(this.hub())]);
    } catch (error) {
      if (this.session?.token === answer.token) this.forget();
      throw error;
    }
    // Signed out (or in as someone else) meanwhile: nothing of this sign-in is saved.
    if (this.session?.token !== answer.token) throw AppFailure.of('unauthenticated', 'Signed out while signing in.');
    this.session = { ...this.session, verifier, ...settings };
    this.remembered = this.keep();
    return answer.user;
  }

  /** Offline unlock: the password against the verifier kept since sign-in (none kept: only the hub can tell). */
  async matchesLocally(password: string): Promise<boolean | null> {
    const verifier = this.session?.verifier;
    return verifier ? matchesVerifier(password, verifier) : null;
  }

  /** The manager's idle-lock minutes; an older hub without the setting leaves what was known (or the default). */
  private async fetchIdleMinutes(hub: HubClient): Promise<{ idleLockMinutes?: number }> {
    try {
      const settings = await hub.request({ method: 'GET', path: '/settings/workstation', schema: workstationSettingsSchema, idempotent: true });
      return { idleLockMinutes: settings.idleLockMinutes };
    } catch (error) {
      this.logError('Workstation settings unavailable; the idle lock keeps its last known time', error);
      return {};
    }
  }

  async signOut(): Promise<void> {
    try {
      if (this.session) await this.hub().request({ method: 'POST', path: '/auth/logout', schema: z.undefined() });
    } catch {
      // Signing out works offline too; the token expires on the hub by itself.
    }
    this.forget();
  }

  current(): Session | null {
    if (!this.session) return null;
    const idleLockMinutes = this.session.idleLockMinutes ?? DEFAULT_WORKSTATION_SETTINGS.idleLockMinutes;
    return { user: this.session.user, hubUrl: this.session.hubUrl, online: this.online, remembered: this.remembered, locked: this.lock.locked, idleLockMinutes };
  }

  /** The last hub signed in to, to prefill the sign-in screen (also after the session ended). */
  lastHubUrl(): string | null {
    return this.session?.hubUrl ?? this.previousHubUrl;
  }

  /** A manager changed the idle minutes from this workstation: they apply here at once (others: next sign-in). */
  setIdleLockMinutes(idleLockMinutes: number): void {
    if (!this.session) return;
    this.session = { ...this.session, idleLockMinutes };
    if (this.remembered) this.keep();
  }

  setOnline(online: boolean): void {
    this.online = online;
  }

  hub(): HubClient {
    if (!this.client) throw AppFailure.of('unauthenticated', 'Sign in first.');
    return this.client;
  }

  hubOrNull(): HubClient | null {
    return this.client;
  }

  token(): string | null {
    return this.session?.token ?? null;
  }

  /** The hub said the token is no longer valid (expired, revoked, user deactivated). */
  forget(): void {
    this.previousHubUrl = this.session?.hubUrl ?? this.previousHubUrl;
    this.lock.unlock();
    this.session = null;
    this.client = null;
    this.online = false;
    this.remembered = false;
    this.store.clear();
  }

  /**
   * Saves the signed-in session for the next start. When it cannot be kept encrypted (no keychain: a Linux
   * desktop without a keyring) the sign-in still stands, in memory for this run only — the renderer tells the
   * user — and no older saved session is left to come back next time.
   */
  private keep(): boolean {
    try {
      this.store.write(JSON.stringify(this.session));
      return true;
    } catch (error) {
      this.logError('The session is kept in memory only, until the app quits', error);
      this.store.clear();
      return false;
    }
  }

  private use(session: StoredSession): void {
    this.session = session;
    this.client = new HubClient(session.hubUrl, () => this.session?.token ?? null, this.clientOptions);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
