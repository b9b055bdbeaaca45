import { startEmbeddedPostgres } from '../setup/embedded-postgres';
import pg from 'pg';

/** DATABASE_URL when set (a fresh database is created beside it), otherwise an embedded PostgreSQL. */
export async function benchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = process.env['DATABASE_URL'];
  const name = `bench_${Date.now()}`;
  if (given) {
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(given);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        const client = new pg.Client({ connectionString: given });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  }
  const { port, server, stop } = await startEmbeddedPostgres(['-c', 'max_connections=200', '-c', 'shared_buffers=512MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'maintenance_work_mem=512MB']);
  await server.createDatabase(name);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${name}`,
    stop,
  };
}
