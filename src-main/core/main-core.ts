import type { AppInfo, WonProgress } from '../../src-shared/contract/ipc.contract';
import type { MachineSetup } from '../config/machine-config';
import { configHandlers } from '../config/config-handlers';
import type { ChooseSavePath } from '../floor/csv-export';
import { floorHandlers } from '../floor/floor-handlers';
import type { HubClientOptions } from '../hub/hub-client';
import { AppFailure } from '../ipc/app-failure';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import { leadActionHandlers } from '../leads/lead-actions';
import { notificationHandlers } from '../notifications/notification-handlers';
import { keptOutboxHandlers } from '../outbox/kept-outbox-handlers';
import { FileVaultRecordStore, KeptOutboxKeys, MemoryVaultRecordStore, outboxOwner } from '../session/kept-outbox-keys';
import { guardWhileLocked, lockHandlers } from '../session/lock-handlers';
import type { VerifierCost } from '../session/local-verifier';
import type { SecretStore } from '../session/secret-store';
import { sessionHandlers } from '../session/session-handlers';
import { SessionManager } from '../session/session-manager';
import type { ReplicaPort } from '../sync/sync-driver';
import { warmSyncValidation } from '../sync/warm-validation';
import { SyncDriver } from '../sync/sync-driver';
import { syncHandlers } from '../sync/sync-handlers';
import { AppUpdates, type UpdaterPort } from '../updates/app-updates';
import { updateHandlers } from '../updates/update-handlers';
import type { OdooClientFactory, WonSession } from '../won/won-hub';
import { wonHandlers } from '../won/won-handlers';
import { fileJournalStorage, memoryJournalStorage, WonJournal } from '../won/won-journal';
import { DEFAULT_WON_TIMING, type WonTiming } from '../won/won-saga';
import { WonService } from '../won/won-service';
import { HubConnection, type Emit } from './hub-connection';
export type { Emit } from './hub-connection';

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
  /** Where each person's key for kept outboxes lives (a JSON file in the user-data folder; memory without it). */
  outboxKeysPath?: string;
  /**
   * While the sign-in screen waits (no session to restore), check a made-up sync page this long after start, so a
   * first sync's checks run compiled (warm-validation.ts). Absent: never (tests).
   */
  warmUpAfterMs?: number;
}

import type { DesktopNotification } from '../notifications/notification-handlers';
export type { DesktopNotification };

/**
 * The Electron-free core of the main process: it builds the session, the sync, Mark as Won, updates and the
 * connection to the hub, and gathers each feature's IPC handlers. The Electron adapter and the browser
 * harness both drive it through those handlers.
 */
export class MainCore {
  readonly session: SessionManager;
  readonly sync: SyncDriver;
  readonly won: WonService;
  readonly updates: AppUpdates | null;
  readonly connection: HubConnection;
  /** Every IPC channel's handler; while locked only those of lock-handlers.ts' list answer. */
  readonly handlers: IpcHandlers;
  private readonly warmUpAfterMs: number | undefined;
  private warmUp: ReturnType<typeof setTimeout> | null = null;

  constructor(options: MainCoreOptions) {
    this.warmUpAfterMs = options.warmUpAfterMs;
    const caCertificate = options.machine?.kind === 'provisioned' ? options.machine.caCertificate : null;
    this.session = new SessionManager(
      options.sessionStore,
      { ...options.hubClient, appVersion: options.appInfo.version, ...(caCertificate ? { caCertificate } : {}) },
      options.logError,
      options.verifierCost,
      options.now,
    );
    this.sync = new SyncDriver(() => this.session.hubOrNull(), options.replica, (progress) => options.emit('sync:progress', progress));
    const lastWonSteps = new Map<string, WonProgress['steps']>();
    const journalPath = options.won?.journalPath;
    this.won = new WonService({
      session: () => this.wonSession(),
      journal: new WonJournal(journalPath ? fileJournalStorage(journalPath) : memoryJournalStorage()),
      timing: { ...DEFAULT_WON_TIMING, ...options.won?.timing },
      emit: (progress) => {
        lastWonSteps.set(progress.leadId, progress.steps);
        options.emit('won:progress', progress);
      },
      ...(options.won?.createClient ? { createClient: options.won.createClient } : {}),
    });
    const updates = options.updater
      ? new AppUpdates({
          updater: options.updater,
          emit: (state) => options.emit('updates:changed', state),
          busyReason: () => (this.won.isPushing() ? 'Mark as Won is creating a Sales Order on the dealer.' : null),
          logError: (message, error) => options.logError?.(message, error),
        })
      : null;
    this.updates = updates;
    const connection = new HubConnection({
      session: this.session,
      sync: this.sync,
      emit: options.emit,
      appVersion: options.appInfo.version,
      caCertificate,
      ...(options.periodicPullMs === undefined ? {} : { periodicPullMs: options.periodicPullMs }),
      ...(options.eventBackoffMs ? { eventBackoffMs: options.eventBackoffMs } : {}),
      ...(options.recheckMs === undefined ? {} : { recheckMs: options.recheckMs }),
      ...(options.logError ? { logError: options.logError } : {}),
      onBack: () => void this.retryPendingWon(),
      onConnect: (hubUrl) => updates?.watch(hubUrl),
      onStop: () => updates?.stop(),
    });
    this.connection = connection;
    const keys = new KeptOutboxKeys(options.outboxKeysPath ? new FileVaultRecordStore(options.outboxKeysPath) : new MemoryVaultRecordStore(), options.verifierCost, options.logError);
    const passwordProven = async (password: string) => {
      const current = this.session.current();
      if (!current) return;
      // Never in the way of a sign-in (not awaited: its scrypt runs while the first sync starts); without the key,
      // what is kept at sign-out stays as it was (unsealed).
      keys.signedIn(outboxOwner(current.hubUrl, current.user.id), password).catch((error: unknown) => options.logError?.('The kept-outbox key is unavailable', error));
    };
    const hub = () => this.session.hub();
    const read = <T>(call: () => Promise<T>) => connection.callHub(call);
    const mutate = <T>(call: () => Promise<T>) => connection.mutate(call);
    const all: IpcHandlers = {
      ...sessionHandlers({ session: this.session, connection, appInfo: options.appInfo, machine: options.machine, trainingHubUrl: async () => (await options.defaultHubUrl?.()) ?? null, passwordProven, firstSyncLikely: () => this.sync.expectFirstSync(), signedOut: () => keys.forget() }),
      ...keptOutboxHandlers({ session: this.session, keys }),
      ...syncHandlers({ session: this.session, sync: this.sync, connection }),
      ...wonHandlers({ won: this.won, connection, emit: options.emit, lastSteps: lastWonSteps }),
      ...updateHandlers(updates),
      ...leadActionHandlers({
        hub,
        mutate,
        read,
        openExternal: async (url) => {
          if (!options.openExternal) throw AppFailure.of('internal', 'No dialer on this computer.');
          await options.openExternal(url);
        },
      }),
      ...floorHandlers({
        hub,
        read,
        chooseSavePath: async (name) => {
          if (!options.chooseSavePath) throw AppFailure.of('internal', 'This app cannot save files here.');
          return options.chooseSavePath(name);
        },
      }),
      ...configHandlers({
        hub,
        mutate,
        read,
        settingsChanged: ({ idleLockMinutes }) => {
          this.session.setIdleLockMinutes(idleLockMinutes);
          connection.emitSession(null);
        },
      }),
      ...notificationHandlers({ isLocked: () => this.session.lock.locked, notify: options.notify }),
      ...lockHandlers({
        session: this.session,
        lockNow: (reason) => this.lockNow(reason),
        changed: () => connection.emitSession(null),
        ended: (code) => connection.endSession(code),
        passwordProven,
      }),
    };
    this.handlers = guardWhileLocked(all, () => this.session.lock.locked);
  }

  /** At start: restore a stored session (online, or read-only offline) and begin syncing. */
  async start(): Promise<void> {
    const session = await this.session.restore();
    // The renderer may have asked before the restore finished: it learns the (locked) session now.
    if (session || this.session.endedAtRestore) this.connection.emitSession(session ? null : this.session.endedAtRestore);
    if (session) this.connection.connect();
    if (session?.online) void this.retryPendingWon();
    if (!session && this.warmUpAfterMs !== undefined) {
      this.warmUp = setTimeout(() => {
        this.warmUp = null;
        warmSyncValidation();
      }, this.warmUpAfterMs);
      this.warmUp.unref?.();
    }
  }

  stop(): void {
    if (this.warmUp) clearTimeout(this.warmUp);
    this.warmUp = null;
    this.connection.stop();
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
    this.connection.emitSession(null);
    return true;
  }

  /** Won confirmations and failure reports the hub has not received yet: at start and whenever it is back. */
  private async retryPendingWon(): Promise<void> {
    const outcome = await this.won.retryPendingConfirmations();
    if (outcome.sent > 0) await this.connection.pullQuietly();
  }

  private wonSession(): WonSession | null {
    const current = this.session.current();
    const hub = this.session.hubOrNull();
    const token = this.session.token();
    return current && hub && token ? { hub, hubUrl: current.hubUrl, userId: current.user.id, token } : null;
  }
}
