import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS, migrate } from '../db/migrate';
import { dumpPgliteDatabase, openPgliteDatabase } from '../db/pglite-database';
import { openPostgresDatabase } from '../db/postgres-database';

/**
 * Settings a test cluster keeps in its data folder (ALTER SYSTEM, so every copy has them, in-process or in a hub's own
 * process). PGlite's initdb picks shared_buffers 128MB; a test database holds a few hundred kB, and opening a copy of
 * the empty cluster with 16MB took 0.63-1.03 CPU-s instead of 1.0-1.6 and 130 MB less memory (three opens each, two
 * rounds, 2-core machine).
 */
const TEST_CLUSTER_SETTINGS = { shared_buffers: '16MB' } as const;

/**
 * Migrated, empty databases for tests, made once per run and copied for each test hub: creating a PGlite
 * cluster costs seconds, copying a snapshot of one a fraction of that; on PostgreSQL a database created
 * from a migrated template needs no migration run of its own. The hub still runs `migrate` at every start
 * (finding nothing to do), so a test hub opens its data exactly as a production hub does.
 * This one: a new PGlite cluster with the test settings (or a copy of `from`, which has them: it was made here),
 * migrated or not, as a snapshot.
 */
export async function makePgliteSnapshot(migrated = true, from?: Blob): Promise<Blob> {
  const db = await openPgliteDatabase(null, from);
  try {
    if (!from) for (const [name, value] of Object.entries(TEST_CLUSTER_SETTINGS)) await db.query(`alter system set ${name} = '${value}'`);
    if (migrated) await migrate(db);
    return await dumpPgliteDatabase(db);
  } finally {
    await db.close();
  }
}

const DEFAULT_CACHE = join(process.cwd(), 'node_modules/.cache/bpo-crm-tests');

/**
 * The migrated PGlite snapshot as a file, made once and kept under node_modules/.cache for the next runs: its
 * name carries a hash of every migration, of the test settings and of the PGlite version, so a new or changed
 * migration makes a new one.
 */
export async function pgliteSnapshotFile(cacheDir = DEFAULT_CACHE): Promise<string> {
  return cachedSnapshot(cacheDir, 'migrated', { MIGRATIONS }, async () => makePgliteSnapshot(true, readSnapshot(await pgliteEmptySnapshotFile(cacheDir))));
}

/**
 * A PGlite cluster with no migration applied (initdb done), for the tests that migrate a database step by step:
 * each opened a new cluster, whose initdb took 5.4 s here; a copy of this one opens in under a second.
 */
export async function pgliteEmptySnapshotFile(cacheDir = DEFAULT_CACHE): Promise<string> {
  return cachedSnapshot(cacheDir, 'empty', {}, () => makePgliteSnapshot(false));
}

const readSnapshot = (file: string): Blob => new Blob([readFileSync(file)]);

async function cachedSnapshot(cacheDir: string, kind: string, content: object, make: () => Promise<Blob>): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const key = createHash('sha256').update(JSON.stringify({ version, TEST_CLUSTER_SETTINGS, ...content })).digest('hex').slice(0, 16);
  const file = join(cacheDir, `pglite-${kind}-${key}.tar`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const snapshot = await make();
  // Written aside, then renamed: another run never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await snapshot.arrayBuffer()));
  renameSync(partial, file);
  return file;
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (client) => client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));
}

/** A new migrated database to copy test databases from; its name is unique, so runs may share one server. */
export async function makePostgresTemplate(adminUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `hub_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, (client) => client.query(`create database ${pg.escapeIdentifier(name)}`));
  const db = await openPostgresDatabase(databaseUrl(adminUrl, name), 1);
  try {
    await migrate(db);
  } finally {
    // No session may stay connected to a template while it is copied.
    await db.close();
  }
  return { name, drop: () => dropDatabase(adminUrl, name) };
}

/** A new database with nothing in it (no migration applied), as an operator's first `create database`. */
export async function createEmptyDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (client) => client.query(`create database ${pg.escapeIdentifier(name)}`));
}

/** A copy of the template: `create database … template …` (no session may be connected to the template, and none is). */
export async function createDatabaseFrom(adminUrl: string, template: string, name: string): Promise<void> {
  await admin(adminUrl, (client) => client.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`));
}
