import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, QueryOptions, Row, Sql } from './database';
import { TIME_TYPE_IDS } from './pg-time';
import { oneAtATime } from './shared-snapshot';
import { acquireDataDirLock } from './data-dir-lock';

// int8 arrives as text on PostgreSQL (node-postgres); do the same here so ids are strings everywhere.
const parsers = { 20: (value: string) => value };
/** The same, with times as PostgreSQL's text (`QueryOptions.timesAsText`). */
const textTimeParsers = { ...parsers, ...Object.fromEntries(TIME_TYPE_IDS.map((oid) => [oid, (value: string) => value])) };

const opened = new WeakMap<Database, PGlite>();

/** A PGlite database's data folder as a tarball, to open copies of it later (`openPgliteDatabase(…, snapshot)`). */
export async function dumpPgliteDatabase(database: Database): Promise<Blob> {
  const db = opened.get(database);
  if (!db) throw new Error('Not a PGlite database opened by openPgliteDatabase.');
  return db.dumpDataDir('none');
}

/**
 * A consistent backup of a PGlite database while it serves (gzip'd `dumpDataDir`): taken after a checkpoint while no
 * statement runs and no transaction is open (PGlite's transaction lock), so the copy holds every committed transaction up to
 * that moment, none in part, and opens without replaying a long WAL. Restored with `openPgliteDatabase(dir, backup)`.
 */
export async function backupPgliteDatabase(database: Database): Promise<Blob> {
  const db = opened.get(database);
  if (!db) throw new Error('Not a PGlite database opened by openPgliteDatabase.');
  await db.exec('checkpoint');
  // Every PGlite statement and transaction runs under this lock (query() takes it too), dumpDataDir does not.
  return db._runExclusiveTransaction(() => db.dumpDataDir('gzip'));
}

/** Whether this data folder already holds a PGlite cluster (a snapshot only fills a new one). */
export function holdsCluster(dataDir: string | null): boolean {
  return dataDir !== null && existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * PGlite in a data folder (or in memory when `dataDir` is null), locked to this process; `snapshot` (a
 * `dumpDataDir` tarball) fills a new data folder instead of creating an empty cluster.
 */
export async function openPgliteDatabase(dataDir: string | null, snapshot?: Blob): Promise<Database> {
  let releaseLock = (): void => undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = await acquireDataDirLock(dataDir);
  }
  let db: PGlite;
  try {
    // A folder that already holds a cluster is opened as it is; the snapshot only fills a new one.
    const load = snapshot && !holdsCluster(dataDir) ? { loadDataDir: snapshot } : {};
    db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...load, parsers, extensions: { pg_trgm } });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const asSql = (target: Pick<PGlite, 'query'>): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions) {
      const result = await target.query<T>(text, [...params], options?.timesAsText ? { parsers: textTimeParsers } : undefined);
      return result.rows;
    },
  });
  const database: Database = {
    kind: 'pglite',
    ...asSql(db),
    transaction: (work) => db.transaction((tx) => work(asSql(tx))),
    sharedSnapshot: (count, work) =>
      db.transaction(async (tx) => {
        await tx.query('set transaction isolation level repeatable read, read only');
        const reader = oneAtATime(asSql(tx));
        try {
          return await work(Array.from({ length: count }, () => reader));
        } finally {
          await reader.end();
        }
      }),
    async listen(channel, onPayload) {
      const unsubscribe = await db.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    async subscribe(channel, { onPayload }) {
      const unsubscribe = await db.listen(channel, onPayload);
      return {
        // One process, one connection: PGlite hands a commit's notifications to the listeners (as microtasks)
        // while it reads the committing statement's answer, before that statement's caller resumes, so whatever
        // committed before this call has been heard. There is no connection to lose.
        caughtUp: async () => undefined,
        close: async () => unsubscribe(),
      };
    },
    async close() {
      try {
        await db.close();
      } finally {
        releaseLock();
      }
    },
  };
  opened.set(database, db);
  return database;
}
