import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshPostgresDatabase, pgliteSnapshot } from '../testing/hub-test-env';
import type { Database, Sql } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

/**
 * What the hub's features rely on from storage, proved on both backends: the two adapters are the only code
 * that differs between PGlite and PostgreSQL, so the feature tests run on one backend (hub-test-env's
 * FEATURE_BACKENDS) and this contract keeps the other honest. Concurrency (several connections at once)
 * exists only on PostgreSQL and is proved there (claim, sync-concurrency, events across two hubs).
 */
describe.each(BACKENDS)('storage contract on %s', (backend) => {
  let db: Database;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (backend === 'postgres') {
      const fresh = await freshPostgresDatabase();
      drop = fresh.drop;
      db = await openPostgresDatabase(fresh.url, 4);
    } else {
      db = await openPgliteDatabase(null, pgliteSnapshot());
    }
    await db.query(`create table contract_probe (
      id bigserial primary key, name text unique, amount numeric(7, 2), count integer, flag boolean,
      at timestamptz, data jsonb, tags text[], refs bigint[]
    )`);
  });
  afterAll(async () => {
    await db?.close();
    await drop();
  });

  it('says which backend it is', () => {
    expect(db.kind).toBe(backend);
  });

  it('returns int8 as text, int4 as a number, numeric as text, booleans, timestamps as Dates, jsonb as values, arrays as arrays', async () => {
    const at = new Date('2026-11-23T09:15:00.123Z');
    const [row] = await db.query(
      `insert into contract_probe (name, amount, count, flag, at, data, tags, refs) values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
      ['types', '4.50', 7, true, at, JSON.stringify({ nested: { list: [1, 'two'] } }), ['a', 'b'], ['9007199254740993']],
    );
    expect(row).toEqual({
      id: expect.stringMatching(/^\d+$/),
      name: 'types',
      amount: '4.50',
      count: 7,
      flag: true,
      at,
      data: { nested: { list: [1, 'two'] } },
      tags: ['a', 'b'],
      refs: ['9007199254740993'],
    });
    expect(await db.query(`select count(*) as total, sum(count) as sum from contract_probe`)).toEqual([{ total: '1', sum: '7' }]);
    const [nulls] = await db.query('select null::bigint as id, null::jsonb as data, null::timestamptz as at');
    expect(nulls).toEqual({ id: null, data: null, at: null });
  });

  it('commits a transaction that resolves, with its result', async () => {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(`insert into contract_probe (name) values ('committed') returning id`);
      return row?.id;
    });
    expect(await db.query(`select id from contract_probe where name = 'committed'`)).toEqual([{ id }]);
  });

  it('rolls back every statement of a transaction that throws, and passes the error on', async () => {
    const failure = new Error('the work failed');
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into contract_probe (name) values ('rolled back')`);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await db.query(`select id from contract_probe where name = 'rolled back'`)).toEqual([]);
    // the database is usable after the rollback
    expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('reports SQL errors with their SQLSTATE code (features tell a duplicate by 23505), and rolls back', async () => {
    await db.query(`insert into contract_probe (name) values ('unique')`);
    const duplicate = await db.query(`insert into contract_probe (name) values ('unique')`).catch((error: unknown) => error);
    expect(duplicate).toMatchObject({ code: '23505' });
    const inTransaction = await db
      .transaction(async (tx) => {
        await tx.query(`insert into contract_probe (name) values ('before the duplicate')`);
        await tx.query(`insert into contract_probe (name) values ('unique')`);
      })
      .catch((error: unknown) => error);
    expect(inTransaction).toMatchObject({ code: '23505' });
    expect(await db.query(`select id from contract_probe where name = 'before the duplicate'`)).toEqual([]);
  });

  it('gives readers of one read-only snapshot that answer side by side, refuse writes, and end with the work', async () => {
    await db.query(`insert into contract_probe (name, count) values ('read together', 3)`);
    const answers = await db.sharedSnapshot(3, (readers) =>
      Promise.all(readers.flatMap((reader) => [1, 2].map(() => reader.query<{ count: number }>(`select count from contract_probe where name = 'read together'`)))),
    );
    expect(answers).toEqual(Array.from({ length: 6 }, () => [{ count: 3 }]));
    const write = await db.sharedSnapshot(2, (readers) => readers[1]!.query(`insert into contract_probe (name) values ('read only')`)).catch((error: unknown) => error);
    expect(write).toMatchObject({ code: '25006' }); // read_only_sql_transaction
    const failure = new Error('the report failed');
    await expect(db.sharedSnapshot(2, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await db.query(`select id from contract_probe where name = 'read only'`)).toEqual([]);
    expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    // a reader kept past the work is refused, not run outside the snapshot (or on another's connection)
    const [kept] = await db.sharedSnapshot(1, async (readers) => readers);
    await expect(kept!.query('select 1')).rejects.toThrow(/transaction has ended/);
  });

  it('delivers NOTIFY payloads to a listener, a transaction\'s only once it commits, and none after unsubscribing', async () => {
    const received: string[] = [];
    let arrived: () => void = () => undefined;
    const unsubscribe = await db.listen('contract_channel', (payload) => {
      received.push(payload);
      arrived();
    });
    const next = () => new Promise<void>((resolve) => (arrived = resolve));

    let delivered = next();
    await db.query(`select pg_notify('contract_channel', 'plain')`);
    await delivered;
    expect(received).toEqual(['plain']);

    // Rolled back: never delivered. Committed: delivered. Notifications arrive in commit order, so once
    // "committed" is here, "rolled back" would already be too.
    await db.transaction(async (tx) => {
      await tx.query(`select pg_notify('contract_channel', 'rolled back')`);
      throw new Error('undo');
    }).catch(() => undefined);
    delivered = next();
    await db.transaction(async (tx) => {
      await tx.query(`select pg_notify('contract_channel', 'committed')`);
      expect(received).toEqual(['plain']);
    });
    await delivered;
    expect(received).toEqual(['plain', 'committed']);

    await unsubscribe();
    // A second listener proves the notification went out; the unsubscribed one must not have seen it.
    const other: string[] = [];
    let otherArrived: () => void = () => undefined;
    const otherUnsubscribe = await db.listen('contract_channel', (payload) => {
      other.push(payload);
      otherArrived();
    });
    const seen = new Promise<void>((resolve) => (otherArrived = resolve));
    await db.query(`select pg_notify('contract_channel', 'after')`);
    await seen;
    expect(other).toEqual(['after']);
    expect(received).toEqual(['plain', 'committed']);
    await otherUnsubscribe();
  });

  // What the session cache relies on: after caughtUp(), every notice committed before the call has been heard.
  // Each round commits a notice from another connection (the pool, on PostgreSQL) and asks at once; a
  // subscription that merely waited for the next message, or answered from memory, would be behind in some.
  it('has heard, once caughtUp() resolves, every notification committed before it was called', async () => {
    const heard: string[] = [];
    const subscription = await db.subscribe('contract_caught_up', { onPayload: (payload) => heard.push(payload) });
    try {
      for (let round = 0; round < 200; round++) {
        await db.query(`select pg_notify('contract_caught_up', $1)`, [String(round)]);
        if (round % 2 === 1) {
          await db.transaction(async (tx) => {
            await tx.query(`select pg_notify('contract_caught_up', $1)`, [`${round} in a transaction`]);
          });
        }
        await subscription.caughtUp();
        expect(heard.at(-1)).toBe(round % 2 === 1 ? `${round} in a transaction` : String(round));
      }
      // several callers at once share round trips, and every one of them is caught up
      await db.query(`select pg_notify('contract_caught_up', 'together')`);
      await Promise.all(Array.from({ length: 20 }, () => subscription.caughtUp()));
      expect(heard.at(-1)).toBe('together');
    } finally {
      await subscription.close();
    }
  });
});

describe('a subscription on PostgreSQL whose connection is lost', () => {
  it('says so through onLost, and caughtUp() rejects instead of answering as if nothing was missed', async () => {
    const fresh = await freshPostgresDatabase();
    const db = await openPostgresDatabase(fresh.url, 2, { error: () => undefined });
    try {
      let lost: unknown = null;
      const subscription = await db.subscribe('contract_lost', { onPayload: () => undefined, onLost: (error) => (lost = error) });
      await subscription.caughtUp();
      const [terminated] = await db.query<{ done: boolean }>(
        `select pg_terminate_backend(pid) as done from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and query in ('', 'listen "contract_lost"')`,
      );
      expect(terminated?.done).toBe(true);
      await expect(subscription.caughtUp()).rejects.toThrow();
      await expect.poll(() => lost).not.toBeNull();
      await subscription.close();
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});

describe('a transaction on PostgreSQL whose connection is lost between its statements', () => {
  it('fails its next statement instead of ending the process, and the pool goes on with a new connection', async () => {
    const fresh = await freshPostgresDatabase();
    const errors: string[] = [];
    const db = await openPostgresDatabase(fresh.url, 2, { error: (message) => errors.push(message) });
    try {
      const outcome = db.transaction(async (tx) => {
        const [own] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
        // An administrator ends the session while the hub works between two statements.
        await db.query('select pg_terminate_backend($1)', [own?.pid]);
        await expect.poll(() => errors.length).toBeGreaterThan(0);
        await tx.query('select 1');
      });
      await expect(outcome).rejects.toThrow();
      expect(errors).toContain('PostgreSQL connection lost during a transaction');
      await expect(db.transaction((tx) => tx.query<{ one: number }>('select 1 as one'))).resolves.toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});

describe('readers of a shared snapshot on PostgreSQL', () => {
  let db: Database;
  let drop: () => Promise<void> = async () => undefined;
  // node-postgres warns (once) when a client is handed a query while it runs one: readers sharing it must queue
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  const queuedOnAClient = () => warnings.filter((message) => message.includes('already executing a query'));
  beforeAll(async () => {
    process.on('warning', onWarning);
    const fresh = await freshPostgresDatabase();
    drop = fresh.drop;
    db = await openPostgresDatabase(fresh.url, 4);
    await db.query('create table snapshot_probe (id integer primary key)');
    await db.query('insert into snapshot_probe values (1)');
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await db?.close();
    await drop();
  });
  const pidsAndCounts = (readers: Sql[]) =>
    Promise.all(readers.map((reader) => reader.query<{ pid: number; rows: string }>('select pg_backend_pid() as pid, (select count(*) from snapshot_probe) as rows')));

  it('run on connections of their own and all see the snapshot taken before a later commit', async () => {
    const seen = await db.sharedSnapshot(3, async (readers) => {
      await readers[0]!.query('select 1');
      await db.query('insert into snapshot_probe values (2)'); // committed while the readers are open
      return pidsAndCounts(readers);
    });
    expect(new Set(seen.map(([row]) => row?.pid)).size).toBe(3);
    expect(seen.map(([row]) => row?.rows)).toEqual(['1', '1', '1']);
    expect(await db.query('select count(*) as rows from snapshot_probe')).toEqual([{ rows: '2' }]);
    expect(db.poolStats?.()).toMatchObject({ waiting: 0 });
  });

  it('share the first connection when the pool cannot spare one, instead of waiting for it', async () => {
    // three of the pool's four connections are busy in transactions that wait on this test
    const busy = [1, 2, 3].map(() => {
      let release = (): void => undefined;
      let started = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const running = new Promise<void>((resolve) => (started = resolve));
      const done = db.transaction(async (tx) => {
        await tx.query('select 1');
        started();
        await held;
      });
      return { release, running, done };
    });
    await Promise.all(busy.map(({ running }) => running));
    const seen = await db.sharedSnapshot(3, pidsAndCounts);
    expect(new Set(seen.map(([row]) => row?.pid)).size).toBe(1);
    expect(queuedOnAClient()).toEqual([]);
    for (const { release } of busy) release();
    await Promise.all(busy.map(({ done }) => done));
    const stats = db.poolStats?.();
    expect(stats).toMatchObject({ waiting: 0, idle: stats?.total });
  });

  it('let a reader\'s statement end before the transactions do when another reader fails', async () => {
    const outcome = db.sharedSnapshot(2, (readers) => Promise.all([readers[0]!.query('select pg_sleep(0.2)'), readers[1]!.query('select * from no_such_table')]));
    await expect(outcome).rejects.toMatchObject({ code: '42P01' });
    expect(queuedOnAClient()).toEqual([]);
    expect(db.poolStats?.()).toMatchObject({ waiting: 0 });
    expect(await db.sharedSnapshot(2, pidsAndCounts)).toHaveLength(2);
  });
});
