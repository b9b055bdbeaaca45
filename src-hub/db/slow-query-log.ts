import type { Database, Row, Sql } from './database';

/** One query as the log sees it: a short name taken from its SQL, and how long it took. */
export interface QueryTiming {
  label: string;
  ms: number;
}

export const DEFAULT_SLOW_QUERY_MS = 200;

/** HUB_SLOW_QUERY_MS: a whole number of milliseconds (0 logs every query); unset or empty, the default. */
export function slowQueryThresholdOf(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SLOW_QUERY_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`HUB_SLOW_QUERY_MS must be a whole number of milliseconds (0 or more), not "${value}"`);
  return ms;
}

/**
 * A query's name: its statement and the first table it names (`select leads`, `insert into changes`,
 * `with … update leads`), so a log line says which query without printing its data.
 */
export function queryLabel(text: string): string {
  const sql = text.replace(/--[^\n]*/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const verb = /^(with|select|insert into|update|delete from|create|alter|drop|begin|commit|rollback|listen|unlisten|set|show)\b/.exec(sql)?.[1];
  if (!verb) return sql.slice(0, 40);
  const table = /\b(?:from|into|update|join|table|index)\s+(?:if (?:not )?exists\s+)?([a-z_][a-z0-9_.]*)/.exec(sql)?.[1];
  return table && !['select', 'lateral'].includes(table) ? `${verb} ${table}` : verb;
}

/**
 * The one entry point every hub query goes through (`query`, and `query` inside `transaction`), timed: each
 * query's label and time go to `onQuery`, and those at or over `thresholdMs` are logged with both (as Signal
 * Desktop's SQL layer traces slow calls by name). A failed query is timed and logged the same way.
 */
export function withSlowQueryLog(db: Database, options: { thresholdMs: number; log: (message: string) => void; onQuery?: (timing: QueryTiming) => void; now?: () => number }): Database {
  const now = options.now ?? (() => performance.now());
  const timed = (sql: Sql): Sql['query'] =>
    async function query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]> {
      const started = now();
      try {
        return await sql.query<T>(text, params);
      } finally {
        const timing = { label: queryLabel(text), ms: now() - started };
        options.onQuery?.(timing);
        if (timing.ms >= options.thresholdMs) options.log(`[slow query] ${timing.label}: ${Math.round(timing.ms)} ms`);
      }
    };
  return {
    kind: db.kind,
    query: timed(db),
    transaction: (work) => db.transaction((tx) => work({ query: timed(tx) })),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
}
