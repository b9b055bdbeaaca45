/** What every hub feature sees of storage: parameterised SQL and transactions, the same for PGlite and PostgreSQL. */
export type Row = Record<string, unknown>;

/**
 * `prepareAs` names a statement of the floor's hottest paths (a claim, the session behind every request), so
 * PostgreSQL parses and plans it once per connection instead of on every call. The text under one name must
 * never vary. PGlite ignores it.
 */
export interface QueryOptions {
  prepareAs?: string;
  /**
   * Times (timestamptz, timestamp) as PostgreSQL's text instead of a Date each: for bulk reads whose times only
   * go on to the wire (pg-time.ts; the rows' types say `PgTime`).
   */
  timesAsText?: boolean;
}

export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
}

/** A LISTEN on one channel (`Database.subscribe`). */
export interface ChannelSubscription {
  /**
   * Resolves once every notification on the channel committed before this call has reached `onPayload`: a
   * process that caches what the notifications invalidate reads its cache after this and is never behind a
   * commit it could have known of. Rejects when the LISTEN connection is gone (`onLost` has been called).
   */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

export interface SubscriptionHandlers {
  onPayload: (payload: string) => void;
  /** The LISTEN connection failed or ended: notifications may have been missed, and no more will come. */
  onLost?: (error: unknown) => void;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` with `count` readers: read-only repeatable-read transactions that all see one snapshot, usable
   * side by side (each runs its own statements one after another). PostgreSQL gives each its own connection
   * when the pool can spare one at once (shared-snapshot.ts), so their statements run on the server's cores
   * together; PGlite has one connection, and every reader is its one transaction.
   */
  sharedSnapshot<T>(count: number, work: (readers: Sql[]) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Subscribes to a NOTIFY channel, with the means to catch up with it and to hear of its loss. */
  subscribe(channel: string, handlers: SubscriptionHandlers): Promise<ChannelSubscription>;
  close(): Promise<void>;
  /** PostgreSQL's pool: open, idle and waiting connections (for the metrics); PGlite has none. */
  poolStats?(): { total: number; idle: number; waiting: number } | null;
}

export async function one<T extends Row>(sql: Sql, text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T | null> {
  const rows = await sql.query<T>(text, params, options);
  return rows[0] ?? null;
}
