import { performance } from 'node:perf_hooks';
import type { ChannelSubscription, Database } from '../../db/database';
import type { HubLog } from '../../hub-context';
import type { AuthUser } from './auth-user';
import { batchedLookups } from '../../db/batched-lookups';
import { findSessions, type StoredSession } from './auth.repo';

/** Where the database says that a session or its user changed (migration 9's triggers): a user id, or '' for everyone. */
export const SESSIONS_CHANNEL = 'crm_sessions';

export interface SessionCacheOptions {
  /** How long a validated session is answered from memory before it is read again (a backstop; notices do the work). */
  ttlMs?: number;
  /** At most this many sessions in memory; the oldest go first. */
  maxEntries?: number;
  /** After the LISTEN failed or was lost, wait this long before trying again (meanwhile every request reads the database). */
  retryMs?: number;
  /** Milliseconds of a clock that only moves forward, for the time to live; `performance.now` unless a test moves it. */
  monotonicMs?: () => number;
}

interface Entry extends StoredSession {
  /** Read again from the database after this (monotonic milliseconds). */
  freshUntil: number;
}

/**
 * The sessions this hub process has validated, answered from memory instead of a database read per request,
 * without ever answering for a session that the database no longer honours. Any change of a session or user
 * row is notified on SESSIONS_CHANNEL in the writing transaction (migration 9), on every hub sharing the
 * database; before answering from memory, the cache waits until it has heard every notice committed before the
 * request arrived (`ChannelSubscription.caughtUp`: one small round trip on the LISTEN connection, shared by
 * all the requests waiting at that moment). So a sign-out, a password change, a deactivation or a role change
 * made on any hub refuses the very next request on every hub, exactly as the database read did. The session's
 * absolute end is kept with it and compared with the hub's clock as the read compared it. Without a LISTEN
 * (failed or lost) nothing is cached: every request reads the database until it is back.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly tokensOf = new Map<string, Set<string>>();
  /** Bumped by every notice and every loss: a read that began before one may not be cached. */
  private generation = 0;
  private live: ChannelSubscription | null = null;
  /** The LISTEN being set up: the requests of that moment wait for it (the first ones of a hub, or after a loss). */
  private starting: Promise<void> | null = null;
  private retryAt = 0;
  private closed = false;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly retryMs: number;
  private readonly monotonicMs: () => number;
  /** Sessions not in memory are read together with the others asked for at that moment. */
  private readonly read: (tokenHash: string) => Promise<StoredSession | undefined>;

  constructor(
    private readonly db: Database,
    private readonly log: Pick<HubLog, 'error'>,
    options: SessionCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 50_000;
    this.retryMs = options.retryMs ?? 5_000;
    this.monotonicMs = options.monotonicMs ?? (() => performance.now());
    this.read = batchedLookups((tokenHashes) => findSessions(this.db, tokenHashes));
  }

  /**
   * The token's session at `now`: its user while it lasts, `expired` once its end has passed (the end is
   * included), null when unknown, revoked or of a deactivated user.
   */
  async find(tokenHash: string, now: Date): Promise<AuthUser | 'expired' | null> {
    const live = await this.subscription();
    if (live) {
      const entry = this.entries.get(tokenHash);
      if (entry && (await this.heardAll(live)) && this.entries.get(tokenHash) === entry) {
        if (now.getTime() < entry.expiresAtMs && this.monotonicMs() < entry.freshUntil) return entry.user;
        this.forgetToken(tokenHash);
      }
    }
    const generation = this.generation;
    const session = await this.read(tokenHash);
    if (!session) return null;
    if (session.expiresAtMs <= now.getTime()) return 'expired';
    // Only a read that began while listening, with no notice or loss since, may be kept: a notice that arrived
    // meanwhile may concern this very session, read before the change committed.
    if (live && this.live === live && this.generation === generation) this.remember(tokenHash, session);
    return session.user;
  }

  /** Stops listening; the cache answers nothing from memory any more. */
  async close(): Promise<void> {
    this.closed = true;
    const live = this.live;
    this.drop();
    await live?.close();
  }

  private async subscription(): Promise<ChannelSubscription | null> {
    if (!this.live && !this.closed && !this.starting && this.monotonicMs() >= this.retryAt) this.starting = this.start();
    if (this.starting) await this.starting;
    return this.live;
  }

  private async start(): Promise<void> {
    let subscription: ChannelSubscription | null = null;
    let lostEarly = false;
    try {
      subscription = await this.db.subscribe(SESSIONS_CHANNEL, {
        onPayload: (userId) => this.notice(userId),
        onLost: (error) => {
          if (subscription) this.lose(subscription, error);
          else lostEarly = true;
        },
      });
      if (this.closed || lostEarly) {
        await subscription.close();
        if (lostEarly) this.retryAt = this.monotonicMs() + this.retryMs;
      } else {
        this.live = subscription;
      }
    } catch (error) {
      this.retryAt = this.monotonicMs() + this.retryMs;
      this.log.error('session cache: cannot LISTEN; sessions are read from the database on every request meanwhile', error);
    } finally {
      this.starting = null;
    }
  }

  /** Notices may have been missed: nothing cached stays, nothing is cached until a new LISTEN is in place. */
  private lose(subscription: ChannelSubscription, error: unknown): void {
    if (this.closed || this.live !== subscription) return;
    this.log.error('session cache: the LISTEN connection was lost; sessions are read from the database until it is back', error);
    this.drop();
    this.retryAt = this.monotonicMs() + this.retryMs;
    void subscription.close();
  }

  private async heardAll(live: ChannelSubscription): Promise<boolean> {
    try {
      await live.caughtUp();
      return this.live === live;
    } catch (error) {
      this.lose(live, error);
      return false;
    }
  }

  private notice(userId: string): void {
    this.generation++;
    if (userId === '') {
      this.entries.clear();
      this.tokensOf.clear();
      return;
    }
    for (const tokenHash of this.tokensOf.get(userId) ?? []) this.entries.delete(tokenHash);
    this.tokensOf.delete(userId);
  }

  private drop(): void {
    this.generation++;
    this.live = null;
    this.entries.clear();
    this.tokensOf.clear();
  }

  private remember(tokenHash: string, session: StoredSession): void {
    this.forgetToken(tokenHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.forgetToken(oldest.value);
    }
    this.entries.set(tokenHash, { ...session, freshUntil: this.monotonicMs() + this.ttlMs });
    const tokens = this.tokensOf.get(session.user.id) ?? new Set<string>();
    tokens.add(tokenHash);
    this.tokensOf.set(session.user.id, tokens);
  }

  private forgetToken(tokenHash: string): void {
    const entry = this.entries.get(tokenHash);
    if (!entry) return;
    this.entries.delete(tokenHash);
    const tokens = this.tokensOf.get(entry.user.id);
    tokens?.delete(tokenHash);
    if (tokens?.size === 0) this.tokensOf.delete(entry.user.id);
  }
}
