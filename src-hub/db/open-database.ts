import type { HubLog } from '../hub-context';
import type { Database } from './database';
import { describeMigrations, migrate, MIGRATIONS, type MigrationPolicy } from './migrate';
import { holdsCluster, openPgliteDatabase } from './pglite-database';
import { PGLITE_TEMPLATE_ENV, pgliteTemplateOf } from './pglite-template';
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

export interface OpenContext {
  log?: HubLog;
  /** What to do with migrations the database lacks (see MigrationPolicy); `apply` when not given. */
  migrations?: MigrationPolicy;
}

/** Opens the database and brings its schema to this hub's version as the policy allows (PendingMigrationsError otherwise). */
export async function openDatabase(options: StorageOptions, context: OpenContext = {}): Promise<Database> {
  const db = options.databaseUrl ? await openPostgresDatabase(options.databaseUrl, 20, context.log) : await openPglite(options);
  try {
    const policy = context.migrations ?? 'apply';
    if (policy !== 'none') {
      const applied = await migrate(db, Number.POSITIVE_INFINITY, policy);
      if (applied.length > 0) context.log?.info(`applied ${applied.length === 1 ? 'migration' : 'migrations'} ${describeMigrations(MIGRATIONS.filter((migration) => applied.includes(migration.version)))}`);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** PGlite; a new database starts from the snapshot given, else from the environment's template (read only for a new one). */
async function openPglite(options: StorageOptions): Promise<Database> {
  if (options.pgliteSnapshot || holdsCluster(options.dataDir)) return openPgliteDatabase(options.dataDir, options.pgliteSnapshot);
  const template = pgliteTemplateOf(process.env);
  try {
    return await openPgliteDatabase(options.dataDir, template?.content);
  } catch (error) {
    if (!template) throw error;
    throw new Error(`${PGLITE_TEMPLATE_ENV} names ${template.file}, which PGlite cannot load as a data folder (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}
