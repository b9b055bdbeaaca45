import type { HubLog } from '../hub-context';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface StorageOptions {
  /** PostgreSQL when set (`DATABASE_URL`); otherwise PGlite in `dataDir` (in memory when null). */
  databaseUrl?: string | undefined;
  dataDir: string | null;
}

export async function openDatabase(options: StorageOptions, context: { log?: HubLog } = {}): Promise<Database> {
  const db = options.databaseUrl ? await openPostgresDatabase(options.databaseUrl, 20, context.log) : await openPgliteDatabase(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
