import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteSnapshot } from '../testing/hub-test-env';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { DEFAULT_SLOW_QUERY_MS, queryLabel, slowQueryThresholdOf, withSlowQueryLog, type QueryTiming } from './slow-query-log';

describe('a query’s name', () => {
  it('is its statement and first table, without its data', () => {
    expect(queryLabel('select id, ref\n  from leads where user_id = $1')).toBe('select leads');
    expect(queryLabel("insert into changes (entity) values ('lead')")).toBe('insert into changes');
    expect(queryLabel('  UPDATE leads SET stage_id = $1')).toBe('update leads');
    expect(queryLabel('delete from sessions where token_hash = $1')).toBe('delete from sessions');
    expect(queryLabel('with claimed as (update leads set user_id = $1 returning id) select pg_notify($2, id::text) from claimed')).toBe('with leads');
    expect(queryLabel('-- the advisory lock\nselect pg_advisory_xact_lock($1)')).toBe('select');
  });
});

describe('HUB_SLOW_QUERY_MS', () => {
  it('is a whole number of milliseconds, the default when unset; anything else is refused by name', () => {
    expect(slowQueryThresholdOf(undefined)).toBe(DEFAULT_SLOW_QUERY_MS);
    expect(slowQueryThresholdOf('')).toBe(DEFAULT_SLOW_QUERY_MS);
    expect(slowQueryThresholdOf('0')).toBe(0);
    expect(slowQueryThresholdOf('750')).toBe(750);
    for (const bad of ['-1', '1.5', 'fast', '200ms']) expect(() => slowQueryThresholdOf(bad)).toThrow(`HUB_SLOW_QUERY_MS must be a whole number of milliseconds (0 or more), not "${bad}"`);
  });
});

describe('the slow-query log around the database', () => {
  let inner: Database;
  beforeAll(async () => {
    inner = await openPgliteDatabase(null, pgliteSnapshot());
  });
  afterAll(() => inner.close());

  /** A clock that moves by `took` at each reading: each query then takes `took` (from its start to its end). */
  function logged(thresholdMs: number) {
    let clock = 0;
    let took = 0;
    const lines: string[] = [];
    const timings: QueryTiming[] = [];
    const db = withSlowQueryLog(inner, {
      thresholdMs,
      log: (line) => lines.push(line),
      onQuery: (timing) => timings.push(timing),
      now: () => {
        clock += took;
        return clock;
      },
    });
    return { db, lines, timings, taking: (ms: number) => (took = ms) };
  }

  it('times every query, in and out of transactions, and logs those at or over the threshold with their name', async () => {
    const { db, lines, timings, taking } = logged(100);
    taking(99);
    expect(await db.query('select count(*)::int as n from stages')).toEqual([{ n: expect.any(Number) }]);
    taking(100);
    await db.transaction(async (tx) => {
      await tx.query('select id from users limit 1');
    });
    taking(250);
    await expect(db.query('select * from no_such_table')).rejects.toThrow();
    expect(timings).toEqual([
      { label: 'select stages', ms: 99 },
      { label: 'select users', ms: 100 },
      { label: 'select no_such_table', ms: 250 },
    ]);
    expect(lines).toEqual(['[slow query] select users: 100 ms', '[slow query] select no_such_table: 250 ms']);
  });

  it('passes the rest through: the kind, LISTEN, a rollback', async () => {
    const { db, lines } = logged(0);
    expect(db.kind).toBe('pglite');
    const heard: string[] = [];
    const stop = await db.listen('slow_log_test', (payload) => heard.push(payload));
    await db.query(`select pg_notify('slow_log_test', 'hello')`);
    await expect.poll(() => heard).toEqual(['hello']);
    await stop();
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into stages (name, sequence) values ('Rolled back', 99)`);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await db.query(`select count(*)::int as n from stages where name = 'Rolled back'`)).toEqual([{ n: 0 }]);
    expect(lines).toContain('[slow query] insert into stages: 0 ms');
  });
});
