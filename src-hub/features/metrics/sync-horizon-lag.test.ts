import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../test/setup/embedded-postgres';
import { createEmptyDatabase, databaseUrl } from '../../testing/migrated-databases';
import { api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { seedDefaultStages } from '../seed/demo-seed';

const TOKEN = 'metrics-token-for-the-horizon-0042';

/** The value of an unlabelled sample of the Prometheus text; 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((each) => each.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/**
 * The sync horizon is the whole PostgreSQL server's (transaction ids are server-wide): on the run's shared test
 * server, other files' long transactions hold it too, so this file starts a PostgreSQL of its own where the only
 * transactions are this test's.
 */
describe('the sync horizon lag on a PostgreSQL of its own', () => {
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  let env: TestHub;
  const scrape = async () => (await fetch(`${env.hub.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

  beforeAll(async () => {
    server = await startEmbeddedPostgres(['-c', 'fsync=off', '-c', 'synchronous_commit=off']);
    const adminUrl = `postgres://postgres:postgres@127.0.0.1:${server.port}/postgres`;
    await createEmptyDatabase(adminUrl, 'horizon');
    env = await startTestHub('postgres', { metricsToken: TOKEN }, { databaseUrl: databaseUrl(adminUrl, 'horizon') });
    await env.db.transaction((tx) => seedDefaultStages(tx));
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    await server?.stop();
  });

  it('shows how far a long transaction holds the sync horizon back, and its release', async () => {
    const agent = await createUser(env.db, 'lag-agent', 'agent');
    const boot = await api(env.url, agent.token).get<{ cursor: string }>('/sync');
    const pull = async () => expect((await api(env.url, agent.token).get(`/sync?cursor=${encodeURIComponent(boot.body.cursor)}`)).status).toBe(200);
    const holder = new pg.Client({ connectionString: env.databaseUrl! });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_current_xact_id()'); // a transaction with an id: the horizon stops at it
      for (let index = 0; index < 5; index++) await createLead(env.db);
      await pull();
      expect(sample(await scrape(), 'hub_sync_horizon_lag_transactions')).toBeGreaterThanOrEqual(5);
      await holder.query('commit');
      await pull();
      expect(sample(await scrape(), 'hub_sync_horizon_lag_transactions')).toBeLessThan(5);
    } finally {
      await holder.end();
    }
  });
});
