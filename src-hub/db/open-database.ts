import type { HubLog } from '../hub-context';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface StorageOptions {
  /** PostgreSQL when set (`DATABASE_URL`); otherwise PGlite in `dataDir` (in memory when null). */
  databaseUrl?: string | undefined;
  dataDir: string | null;
  /**
   * PGlite only: start from this dump of a data folder (PGlite's `dumpDataDir`) instead of an empty cluster.
   * Tests load an already-migrated snapshot: creating a PGlite cluster (its initdb) costs seconds per start.
   */
  pgliteSnapshot?: Blob | undefined;
}

export async function openDatabase(options: StorageOptions, context: { log?: HubLog } = {}): Promise<Database> {
  const db = options.databaseUrl ? await openPostgresDatabase(options.databaseUrl, 20, context.log) : await openPgliteDatabase(options.dataDir, options.pgliteSnapshot);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
