import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src-hub/cli-commands';
import type { Database } from '../../src-hub/db/database';
import { MIGRATIONS, migrate, PendingMigrationsError } from '../../src-hub/db/migrate';
import { openPgliteDatabase } from '../../src-hub/db/pglite-database';
import { openPostgresDatabase } from '../../src-hub/db/postgres-database';
import type { RunningHub } from '../../src-hub/start-hub';
import { emptyPgliteSnapshot } from '../../src-hub/testing/empty-pglite-snapshot';
import { emptyPostgresDatabase } from '../../src-hub/testing/hub-test-env';

/**
 * Migrations as a deliberate step (issue 22, item 6), through the hub's command line run in-process: a new,
 * empty database is migrated by `serve` as before; an existing one that lacks migrations is refused by name
 * until `admin migrate` (or `serve --migrate`) applies them, so hubs of two versions never race on the schema.
 */
const latest = MIGRATIONS.at(-1)!;
const previous = latest.version - 1;

const databases: Array<{ drop: () => Promise<void> }> = [];
const hubs: RunningHub[] = [];
let printed: string[] = [];

beforeEach(() => {
  vi.stubEnv('LOG_LEVEL', 'silent');
  vi.stubEnv('HUB_SECRET', 'a test secret of enough length');
  vi.stubEnv('SMTP_URL', '');
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
});

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  for (const database of databases.splice(0)) await database.drop();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A PostgreSQL database as the previous hub version left it (every migration but the latest), named in DATABASE_URL. */
async function previousVersionDatabase(): Promise<string> {
  const database = await emptyPostgresDatabase();
  databases.push(database);
  const db = await openPostgresDatabase(database.url, 1);
  try {
    await migrate(db, previous);
  } finally {
    await db.close();
  }
  vi.stubEnv('DATABASE_URL', database.url);
  return database.url;
}

async function appliedVersions(url: string): Promise<number[]> {
  const db: Database = await openPostgresDatabase(url, 1);
  try {
    return (await db.query<{ version: number }>('select version from schema_migrations order by version')).map((row) => Number(row.version));
  } finally {
    await db.close();
  }
}

async function serve(args: string[]): Promise<RunningHub> {
  const running = await main(['serve', '--port', '0', ...args]);
  if (!running) throw new Error('serve resolved without a hub');
  hubs.push(running);
  return running;
}

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version).map((migration) => migration.version);

describe('hub migrations as a step', () => {
  it('serve refuses a database that lacks migrations, names them, and leaves it as it was', async () => {
    const url = await previousVersionDatabase();
    const refused = await main(['serve', '--port', '0']).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PendingMigrationsError);
    expect((refused as Error).message).toContain(`${latest.version} (${latest.name})`);
    expect((refused as Error).message).toContain('hub admin migrate');
    expect(printed.join('\n')).not.toContain('listening on');
    expect(await appliedVersions(url)).toEqual(upTo(previous));
  }, 60_000);

  it('the other commands refuse such a database too', async () => {
    const url = await previousVersionDatabase();
    await expect(main(['admin', 'create-intake-key', '--name', 'Feed'])).rejects.toBeInstanceOf(PendingMigrationsError);
    await expect(main(['seed-demo', '--demo-leads', '1'])).rejects.toBeInstanceOf(PendingMigrationsError);
    expect(await appliedVersions(url)).toEqual(upTo(previous));
  }, 60_000);

  it('admin migrate --status names what is pending without applying it; admin migrate applies it; serve then starts', async () => {
    const url = await previousVersionDatabase();
    await main(['admin', 'migrate', '--status']);
    expect(printed).toEqual([`applied: ${upTo(previous).join(', ')}`, `pending: ${latest.version} (${latest.name})`]);
    expect(await appliedVersions(url)).toEqual(upTo(previous));

    printed = [];
    await main(['admin', 'migrate']);
    expect(printed).toEqual([`applied: ${latest.version} (${latest.name}); the database is at version ${latest.version}`]);
    expect(await appliedVersions(url)).toEqual(upTo(latest.version));
    printed = [];
    await main(['admin', 'migrate']);
    expect(printed).toEqual([`nothing to apply: the database is at version ${latest.version}`]);

    const hub = await serve([]);
    const ready = await fetch(`${hub.url}/readyz`);
    expect(ready.status).toBe(200);
  }, 60_000);

  it('serve --migrate applies the pending migrations and starts', async () => {
    const url = await previousVersionDatabase();
    const hub = await serve(['--migrate']);
    expect(printed).toContain(`listening on ${hub.url}`);
    expect(await appliedVersions(url)).toEqual(upTo(latest.version));
  }, 60_000);

  it('serve migrates a new, empty database as before', async () => {
    const database = await emptyPostgresDatabase();
    databases.push(database);
    vi.stubEnv('DATABASE_URL', database.url);
    const hub = await serve(['--demo', '--demo-leads', '2']);
    expect(printed).toContain(`listening on ${hub.url}`);
    expect(await appliedVersions(database.url)).toEqual(upTo(latest.version));
  }, 60_000);

  it('refuses a PGlite data folder of the previous version the same way, until admin migrate', async () => {
    vi.stubEnv('DATABASE_URL', '');
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    const old = await openPgliteDatabase(dir, emptyPgliteSnapshot());
    await migrate(old, previous);
    await old.close();

    await expect(main(['serve', '--data', dir, '--port', '0'])).rejects.toThrow(`${latest.version} (${latest.name})`);
    await main(['admin', 'migrate', '--data', dir]);
    expect(printed).toEqual([`applied: ${latest.version} (${latest.name}); the database is at version ${latest.version}`]);
    const hub = await serve(['--data', dir]);
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
  }, 90_000);
});
