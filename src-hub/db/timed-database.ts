import { performance } from 'node:perf_hooks';
import type { Database, Sql } from './database';

const OPERATIONS = new Set(['select', 'insert', 'update', 'delete', 'with']);

/** `select`, `insert`, `update`, `delete`, `with` or `other`: a label of few values. */
export function operationOf(text: string): string {
  const word = /^\s*(\w+)/.exec(text.replace(/^\s*(--[^\n]*\n\s*)+/, ''))?.[1]?.toLowerCase() ?? '';
  return OPERATIONS.has(word) ? word : 'other';
}

export interface QuerySample {
  operation: string;
  ms: number;
  /** The SQL without its parameters (values never leave the call). */
  text: string;
  failed: boolean;
}

/**
 * The one database entry point, timed (STYLE.md habit 15): every statement, in or out of a transaction, is
 * reported to `observe` with its duration — the metrics and the slow-query log hang off it.
 */
export function timedDatabase(db: Database, observe: (sample: QuerySample) => void): Database {
  const timed = (target: Sql): Sql => ({
    async query(text, params, options) {
      const started = performance.now();
      let failed = false;
      try {
        return await target.query(text, params, options);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        observe({ operation: operationOf(text), ms: performance.now() - started, text, failed });
      }
    },
  });
  return {
    kind: db.kind,
    query: timed(db).query,
    transaction: (work) => db.transaction((tx) => work(timed(tx))),
    sharedSnapshot: (count, work) => db.sharedSnapshot(count, (readers) => work(readers.map(timed))),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    subscribe: (channel, handlers) => db.subscribe(channel, handlers),
    close: () => db.close(),
    poolStats: () => db.poolStats?.() ?? null,
  };
}
