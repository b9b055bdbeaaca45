import { z } from 'zod';
import { leadSchema } from '../../src-shared/contract/entities.schema';
import type { AppInfo, IpcEventName, IpcEventPayload, MarkWonOutput, WonProgress } from '../../src-shared/contract/ipc.contract';
import { NEEDS_HUB_MESSAGE } from '../../src-shared/contract/errors';
import type { HubClientOptions } from '../hub/hub-client';
import { appVersionHeaders, isUnreachable, isUpdateRequired } from '../hub/hub-client';
import { describeMachineSetup, signInHubUrl, type MachineSetup } from '../config/machine-config';
import { AppFailure } from '../ipc/app-failure';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import { guardWhileLocked, lockHandlers } from '../session/lock-handlers';
import type { VerifierCost } from '../session/local-verifier';
import { SessionManager } from '../session/session-manager';
import type { SecretStore } from '../session/secret-store';
import { EventStream, type StreamState } from '../sync/event-stream';
import { streamOpenerTrusting } from '../hub/private-ca';
import { AppUpdates, type UpdaterPort } from '../updates/app-updates';
import { SyncDriver, type ReplicaPort } from '../sync/sync-driver';
import { sendOutboxItem } from '../outbox/outbox-relay';
import { leadActionHandlers } from '../leads/lead-actions';
import { configHandlers } from '../config/config-handlers';
import type { ChooseSavePath } from '../floor/csv-export';
import { floorHandlers } from '../floor/floor-handlers';
import type { OdooClientFactory, WonSession } from '../won/won-hub';
import { fileJournalStorage, memoryJournalStorage, WonJournal } from '../won/won-journal';
import { DEFAULT_WON_TIMING, type WonTiming } from '../won/won-saga';
import { WonService } from '../won/won-service';
import { withSyncStep } from '../won/won-progress';

export type Emit = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => void;

export interface MainCoreOptions {
  appInfo: AppInfo;
  sessionStore: SecretStore;
  replica: ReplicaPort;
  emit: Emit;
  /** The hub to sign in to when the user gives none: training mode's embedded hub, started on demand. */
  defaultHubUrl?: () => Promise<string | null>;
  /** A pull every so often covers a lost event stream; 0 switches it off (tests). */
  periodicPullMs?: number;
  hubClient?: HubClientOptions;
  eventBackoffMs?: readonly number[];
  logError?: (message: string, error: unknown) => void;
  /** Mark as Won: where kept reports live (a JSON file in the user-data folder; memory without it), timing, dealer client. */
  won?: { journalPath?: string; timing?: Partial<WonTiming>; createClient?: OdooClientFactory };
  /** Opens `tel:` links with the system dialer (Electron: shell.openExternal); absent in tests. */
  openExternal?: (url: string) => Promise<void>;
  /** Shows a desktop notification (Electron: Notification); absent → nothing is shown (tests, headless). */
  notify?: (notification: DesktopNotification) => void;
  /** After a failed request with the event stream still open, how soon to check the hub again (default 3 s). */
  recheckMs?: number;
  /** Where to save an export (Electron: the save dialog); absent → exports are refused with a message. */
  chooseSavePath?: ChooseSavePath;
  /** The workstation's machine-wide settings (IT's hub and CA certificate); absent → not provisioned. */
  machine?: MachineSetup;
  /** App updates from the hub (Electron: electron-updater, packaged only); absent → none. */
  updater?: UpdaterPort;
  /** The offline unlock check's scrypt cost (tests make it cheap). */
  verifierCost?: VerifierCost;
  /** Wall-clock milliseconds (tests move it): the offline unlock's wait after wrong passwords. */
  now?: () => number;
}

export interface DesktopNotification {
  title: string;
  body: string;
  leadId: string;
}

/**
 * The Electron-free core of the main process: session, hub calls, the event stream and the one pull loop.
 * The Electron adapter and the browser harness both drive it through the same IPC handlers.
 */
export class MainCore {
  readonly session: SessionManager;
  readonly sync: SyncDriver;
  readonly won: WonService;
  readonly updates: AppUpdates | null;
  private stream: EventStream | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private streamState: StreamState = 'offline';
  private recheck: NodeJS.Timeout | null = null;
  /** The last Won step list sent per lead, for the sync step shown after it. */
  private readonly wonSteps = new Map<string, WonProgress['steps']>();

  constructor(private readonly options: MainCoreOptions) {
    this.session = new SessionManager(options.sessionStore, { ...options.hubClient, appVersion: options.appInfo.version, ...caOf(options.machine) }, options.logError, options.verifierCost, options.now);
    this.sync = new SyncDriver(() => this.session.hubOrNull(), options.replica, (progress) => options.emit('sync:progress', progress));
    const journalPath = options.won?.journalPath;
    this.won = new WonService({
      session: () => this.wonSession(),
      journal: new WonJournal(journalPath ? fileJournalStorage(journalPath) : memoryJournalStorage()),
      timing: { ...DEFAULT_WON_TIMING, ...options.won?.timing },
      emit: (progress) => {
        this.wonSteps.set(progress.leadId, progress.steps);
        options.emit('won:progress', progress);
      },
      ...(options.won?.createClient ? { createClient: options.won.createClient } : {}),
    });
    this.updates = options.updater
      ? new AppUpdates({
          updater: options.updater,
          emit: (state) => options.emit('updates:changed', state),
          busyReason: () => (this.won.isPushing() ? 'Mark as Won is creating a Sales Order on the dealer.' : null),
          logError: (message, error) => options.logError?.(message, error),
        })
      : null;
    this.handlers = guardWhileLocked(this.allHandlers(), () => this.session.lock.locked);
  }

  /** At start: restore a stored session (online, or read-only offline) and begin syncing. */
  async start(): Promise<void> {
    const session = await this.session.restore();
    // The renderer may have asked before the restore finished: it learns the (locked) session now.
    if (session || this.session.endedAtRestore) this.emitSession(session ? null : this.session.endedAtRestore);
    if (session) this.connect();
    if (session?.online) void this.retryPendingWon();
  }

  stop(): void {
    this.stream?.stop();
    this.stream = null;
    this.updates?.stop();
    if (this.periodic) clearInterval(this.periodic);
    this.periodic = null;
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = null;
    this.streamState = 'offline';
  }

  /**
   * Locks the workstation: the idle timer's (refused while a Won push runs: its dialog must stay in view) or
   * the operating system's (screen lock, suspend, user switch: at once, whatever runs — the push goes on behind).
   */
  lockNow(reason: 'idle' | 'os'): boolean {
    if (!this.session.current()) return false;
    if (this.session.lock.locked) return true;
    if (reason === 'idle' && this.won.isPushing()) return false;
    this.session.lock.lock();
    this.emitSession(null);
    return true;
  }

  /** Every IPC channel's handler; while locked only those of lock-handlers.ts' list answer. */
  readonly handlers: IpcHandlers;

  private allHandlers(): IpcHandlers {
    return {
      'app:info': async () => (this.options.machine ? { ...this.options.appInfo, machine: describeMachineSetup(this.options.machine) } : this.options.appInfo),
      'auth:sign-in': async (input) => {
        const setup = this.options.machine ?? { kind: 'none', file: '' };
        const hubUrl = await signInHubUrl(setup, input, this.session.lastHubUrl(), async () => (await this.options.defaultHubUrl?.()) ?? null);
        if (!hubUrl) throw AppFailure.of('invalid_input', 'Enter the hub address your administrator gave you.');
        const user = await this.session.signIn(hubUrl, input.login, input.password);
        this.connect();
        return user;
      },
      'auth:sign-out': async () => {
        this.stop();
        await this.session.signOut();
        this.emitConnection('offline');
        return undefined;
      },
      'auth:session': async () => this.session.current(),
      'updates:state': async () => this.updates?.current() ?? { status: 'none' as const },
      'updates:restart': async () => {
        if (!this.updates) throw AppFailure.of('invalid_input', 'This copy of BPO CRM is not updated from the hub (development or browser shell).');
        this.updates.restart();
        return undefined;
      },
      'leads:claim': async ({ leadId }) => this.mutate(() => this.session.hub().request({ method: 'POST', path: `/leads/${encodeURIComponent(leadId)}/claim`, schema: leadSchema })),
      'sync:pull': async () => {
        await this.pullQuietly();
        return {};
      },
      'sync:rebuild': async () => {
        await this.sync.rebuild();
        return {};
      },
      'outbox:send': async (item) => {
        const sent = await this.mutate(() => sendOutboxItem(this.session.hub(), item));
        return { id: sent.id };
      },
      'leads:mark-won': async ({ leadId }) => this.markWon(leadId),
      'dealerships:test-connection': async ({ dealershipId }) => this.callHub(() => this.won.testConnection(dealershipId)),
      ...leadActionHandlers({
        hub: () => this.session.hub(),
        mutate: (call) => this.mutate(call),
        read: (call) => this.callHub(call),
        openExternal: async (url) => {
          if (!this.options.openExternal) throw AppFailure.of('internal', 'No dialer on this computer.');
          await this.options.openExternal(url);
        },
      }),
      ...floorHandlers({
        hub: () => this.session.hub(),
        read: (call) => this.callHub(call),
        chooseSavePath: async (name) => {
          if (!this.options.chooseSavePath) throw AppFailure.of('internal', 'This app cannot save files here.');
          return this.options.chooseSavePath(name);
        },
      }),
      ...configHandlers({
          hub: () => this.session.hub(),
          mutate: (call) => this.mutate(call),
          read: (call) => this.callHub(call),
          settingsChanged: ({ idleLockMinutes }) => {
            this.session.setIdleLockMinutes(idleLockMinutes);
            this.emitSession(null);
          },
        }),
      'notifications:show': async (notification) => {
        // A locked screen shows nothing of the replica, a notification with a customer's name neither.
        if (!this.session.lock.locked) this.options.notify?.(notification);
        return {};
      },
      ...lockHandlers({
        session: this.session,
        lockNow: (reason) => this.lockNow(reason),
        changed: () => this.emitSession(null),
        ended: (code) => this.endSession(code),
      }),
    };
  }

  /**
   * The hub ended the session (its shift-long lifetime ran out, or it was revoked): back to sign-in. The
   * replica, its outbox and the Won journal stay, for this same person's next sign-in only: both are kept per
   * user (one replica per hub and user; journal reports carry their owner), so the next person never sends them.
   */
  private endSession(code: 'session_expired' | 'unauthenticated'): void {
    if (!this.session.current()) return;
    this.stop();
    this.session.forget();
    this.emitSession(code === 'session_expired' ? 'expired' : 'revoked');
    this.emitConnection('offline');
  }

  private emitSession(ended: 'expired' | 'revoked' | null): void {
    this.options.emit('auth:session-changed', { session: this.session.current(), ended });
  }

  /**
   * A change the hub must make (claim, moves, Won, Lost…): refused offline with a clear message, and pulled
   * before it resolves so the user sees the result at once.
   */
  async mutate<T>(call: () => Promise<T>): Promise<T> {
    const result = await this.callHub(call);
    await this.pullQuietly();
    return result;
  }

  /**
   * Mark as Won is a mutation like the others (pulled before it answers), with the pull shown as the last
   * step of the dialog: every step before it ticked, the dialog says it waits for this computer's copy.
   */
  private async markWon(leadId: string): Promise<MarkWonOutput> {
    this.wonSteps.delete(leadId);
    const output = await this.callHub(() => this.won.markWon(leadId));
    const steps = this.wonSteps.get(leadId) ?? [];
    this.options.emit('won:progress', { leadId, steps: withSyncStep(steps, 'running') });
    await this.pullQuietly();
    this.options.emit('won:progress', { leadId, steps: withSyncStep(steps, 'done') });
    this.wonSteps.delete(leadId);
    return output;
  }

  /** A call that needs the hub: unreachable marks the app offline, an invalid session signs out. */
  private async callHub<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isUnreachable(error)) {
        this.markOffline();
        // The transport detail is for logs; a message of the caller's own (Won: "kept, recorded later") stays.
        throw AppFailure.of('hub_unreachable', error instanceof Error && !error.message.startsWith(NEEDS_HUB_MESSAGE) ? error.message : NEEDS_HUB_MESSAGE);
      }
      if (error instanceof AppFailure && (error.appError.code === 'unauthenticated' || error.appError.code === 'session_expired')) this.endSession(error.appError.code);
      if (isUpdateRequired(error)) {
        this.session.setOnline(false);
        this.emitConnection('update_required');
      }
      throw error;
    }
  }

  /** Won confirmations and failure reports the hub has not received yet: at start and whenever it is back. */
  private async retryPendingWon(): Promise<void> {
    const outcome = await this.won.retryPendingConfirmations();
    if (outcome.sent > 0) await this.pullQuietly();
  }

  private wonSession(): WonSession | null {
    const current = this.session.current();
    const hub = this.session.hubOrNull();
    const token = this.session.token();
    return current && hub && token ? { hub, hubUrl: current.hubUrl, userId: current.user.id, token } : null;
  }

  private async pullQuietly(): Promise<void> {
    try {
      await this.sync.pull();
    } catch (error) {
      if (isUnreachable(error)) this.markOffline();
      else if (error instanceof AppFailure && (error.appError.code === 'unauthenticated' || error.appError.code === 'session_expired')) this.endSession(error.appError.code);
      else this.options.logError?.('sync failed', error);
    }
  }

  private connect(): void {
    this.stop();
    const session = this.session.current();
    if (!session) return;
    this.updates?.watch(session.hubUrl);
    this.stream = new EventStream({
      url: `${session.hubUrl}/api/v1/events`,
      token: () => this.session.token(),
      headers: appVersionHeaders(this.options.appInfo.version),
      onEvent: (event, data) => {
        if (event !== 'change') return;
        void this.pullQuietly().then(() => this.options.emit('sync:changed', { cursor: safeCursor(data) }));
      },
      onState: (state) => {
        this.streamState = state;
        this.session.setOnline(state === 'online');
        this.emitConnection(state);
        if (state === 'online') {
          void this.pullQuietly();
          void this.retryPendingWon();
        }
      },
      // Refused (401): ask the hub why once, through the same path as any call (expired → sign-in).
      onRefused: () => void this.callHub(() => this.session.hub().request({ method: 'GET', path: '/me', schema: z.unknown() })).catch(() => undefined),
      ...(this.options.eventBackoffMs ? { backoffMs: this.options.eventBackoffMs } : {}),
      ...(this.options.machine?.kind === 'provisioned' && this.options.machine.caCertificate ? { open: streamOpenerTrusting(this.options.machine.caCertificate) } : {}),
    });
    this.stream.start();
    const every = this.options.periodicPullMs ?? 30_000;
    if (every > 0) this.periodic = setInterval(() => void this.pullQuietly(), every);
    void this.pullQuietly();
  }

  private markOffline(): void {
    this.session.setOnline(false);
    this.emitConnection('offline');
    this.scheduleRecheck();
  }

  /**
   * One request failed while the event stream stays open (a dropped request, a proxy hiccup): the stream will
   * not report a change, so check the hub again shortly and come back online when a pull succeeds.
   */
  private scheduleRecheck(): void {
    if (this.recheck) return;
    this.recheck = setTimeout(() => {
      this.recheck = null;
      if (!this.session.current() || this.streamState !== 'online') return;
      this.sync.pull().then(
        () => {
          this.session.setOnline(true);
          this.emitConnection('online');
          void this.retryPendingWon();
        },
        () => this.scheduleRecheck(),
      );
    }, this.options.recheckMs ?? 3_000);
  }

  private emitConnection(state: StreamState): void {
    this.options.emit('connection:state', { online: state === 'online', state, hubUrl: this.session.current()?.hubUrl ?? null });
  }
}

function safeCursor(data: string): string {
  const parsed = z.object({ cursor: z.string() }).safeParse(safeJson(data));
  return parsed.success ? parsed.data.cursor : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A hub behind IT's private certificate authority: its certificate joins the usual roots for every hub call. */
function caOf(machine: MachineSetup | undefined): { caCertificate?: string } {
  return machine?.kind === 'provisioned' && machine.caCertificate ? { caCertificate: machine.caCertificate } : {};
}
