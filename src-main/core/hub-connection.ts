import { z } from 'zod';
import { NEEDS_HUB_MESSAGE } from '../../src-shared/contract/errors';
import type { IpcEventName, IpcEventPayload } from '../../src-shared/contract/ipc.contract';
import { appVersionHeaders, isUnreachable, isUpdateRequired } from '../hub/hub-client';
import { streamOpenerTrusting } from '../hub/private-ca';
import { AppFailure } from '../ipc/app-failure';
import type { SessionManager } from '../session/session-manager';
import { EventStream, type StreamState } from '../sync/event-stream';
import type { SyncDriver } from '../sync/sync-driver';

export type Emit = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => void;

export interface HubConnectionOptions {
  session: SessionManager;
  sync: SyncDriver;
  emit: Emit;
  appVersion: string;
  /** IT's private CA for the hub's certificate (the machine-wide file), or null. */
  caCertificate: string | null;
  /** A pull every so often covers a lost event stream; 0 switches it off (tests). */
  periodicPullMs?: number;
  eventBackoffMs?: readonly number[];
  /** After a failed request with the event stream still open, how soon to check the hub again (default 3 s). */
  recheckMs?: number;
  logError?: (message: string, error: unknown) => void;
  /** The hub is reachable again (or at start): send what waited (Won confirmations). */
  onBack: () => void;
  /** Connected to this hub (sign-in, restore): what follows the hub (its update feed). */
  onConnect: (hubUrl: string) => void;
  onStop: () => void;
}

/**
 * The connection to the signed-in hub: the event stream, the periodic pull and the recheck after a failed
 * request, and what every hub call goes through (offline, an ended session, an app too old). The one record of
 * "online" is the session's, set here only; the stream knows its own state.
 */
export class HubConnection {
  private stream: EventStream | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private recheck: NodeJS.Timeout | null = null;

  constructor(private readonly options: HubConnectionOptions) {}

  connect(): void {
    this.stop();
    const { session } = this.options;
    const current = session.current();
    if (!current) return;
    this.options.onConnect(current.hubUrl);
    this.stream = new EventStream({
      url: `${current.hubUrl}/api/v1/events`,
      token: () => session.token(),
      headers: appVersionHeaders(this.options.appVersion),
      onEvent: (event, data) => {
        if (event !== 'change') return;
        void this.pullQuietly().then(() => this.options.emit('sync:changed', { cursor: safeCursor(data) }));
      },
      onState: (state) => {
        session.setOnline(state === 'online');
        this.emitConnection(state);
        if (state === 'online') {
          void this.pullQuietly();
          this.options.onBack();
        }
      },
      // Refused (401): ask the hub why once, through the same path as any call (expired → sign-in).
      onRefused: () => void this.callHub(() => session.hub().request({ method: 'GET', path: '/me', schema: z.unknown() })).catch(() => undefined),
      ...(this.options.eventBackoffMs ? { backoffMs: this.options.eventBackoffMs } : {}),
      ...(this.options.caCertificate ? { open: streamOpenerTrusting(this.options.caCertificate) } : {}),
    });
    this.stream.start();
    const every = this.options.periodicPullMs ?? 30_000;
    if (every > 0) this.periodic = setInterval(() => void this.pullQuietly(), every);
    void this.pullQuietly();
  }

  stop(): void {
    this.stream?.stop();
    this.stream = null;
    if (this.periodic) clearInterval(this.periodic);
    this.periodic = null;
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = null;
    this.options.onStop();
  }

  /** A call that needs the hub: unreachable marks the app offline, an ended session goes to sign-in. */
  async callHub<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isUnreachable(error)) {
        this.markOffline();
        // The transport detail is for logs; a message of the caller's own (Won: "kept, recorded later") stays.
        throw AppFailure.of('hub_unreachable', error instanceof Error && !error.message.startsWith(NEEDS_HUB_MESSAGE) ? error.message : NEEDS_HUB_MESSAGE);
      }
      if (endedSession(error)) this.endSession(endedSession(error)!);
      if (isUpdateRequired(error)) {
        this.options.session.setOnline(false);
        this.emitConnection('update_required');
      }
      throw error;
    }
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

  async pullQuietly(): Promise<void> {
    try {
      await this.options.sync.pull();
    } catch (error) {
      const ended = endedSession(error);
      if (isUnreachable(error)) this.markOffline();
      else if (ended) this.endSession(ended);
      else this.options.logError?.('sync failed', error);
    }
  }

  /**
   * The hub ended the session (its shift-long lifetime ran out, or it was revoked): back to sign-in. The
   * replica, its outbox and the Won journal stay, for this same person's next sign-in only: both are kept per
   * user (one replica per hub and user; journal reports carry their owner), so the next person never sends them.
   */
  endSession(code: 'session_expired' | 'unauthenticated'): void {
    if (!this.options.session.current()) return;
    this.stop();
    this.options.session.forget();
    this.emitSession(code === 'session_expired' ? 'expired' : 'revoked');
    this.emitConnection('offline');
  }

  emitSession(ended: 'expired' | 'revoked' | null): void {
    this.options.emit('auth:session-changed', { session: this.options.session.current(), ended });
  }

  emitConnection(state: StreamState): void {
    this.options.emit('connection:state', { online: state === 'online', state, hubUrl: this.options.session.current()?.hubUrl ?? null });
  }

  private markOffline(): void {
    this.options.session.setOnline(false);
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
      if (!this.options.session.current() || this.stream?.state() !== 'online') return;
      this.options.sync.pull().then(
        () => {
          this.options.session.setOnline(true);
          this.emitConnection('online');
          this.options.onBack();
        },
        () => this.scheduleRecheck(),
      );
    }, this.options.recheckMs ?? 3_000);
  }
}

/** The hub's word that the session is over, or null. */
function endedSession(error: unknown): 'session_expired' | 'unauthenticated' | null {
  if (!(error instanceof AppFailure)) return null;
  const { code } = error.appError;
  return code === 'session_expired' || code === 'unauthenticated' ? code : null;
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
