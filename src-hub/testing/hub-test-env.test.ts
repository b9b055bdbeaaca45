import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizonHolders, olderTransactionsEnded, startTestHub, type TestHub } from './hub-test-env';

// A test that waited in vain for the sync horizon must say who held it: the hold may come from another file.
describe('waiting for the horizon on postgres', () => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub('postgres');
  });
  afterAll(() => env.close());

  it('names the session holding it when the wait runs out, and returns once it ends', async () => {
    const holder = new pg.Client({ connectionString: env.databaseUrl! });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query("select pg_current_xact_id() as held_by_the_horizon_test");
      await expect(olderTransactionsEnded(env.db, 200)).rejects.toThrow(/still running on the test server after 0.2 s: .*idle in transaction.*held_by_the_horizon_test/);
      expect(await horizonHolders(env.db)).toContain(env.databaseUrl!.split('/').at(-1)!);
      await holder.query('commit');
      await expect(olderTransactionsEnded(env.db, 15_000)).resolves.toBeUndefined();
    } finally {
      await holder.end();
    }
  });
});
