import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { changesAfter, hasChangesFrom } from './sync.repo';

describe.each(BACKENDS)('change log reads on %s', (backend) => {
  let env: TestHub;

  beforeAll(async () => {
    env = await startTestHub(backend);
    // Transaction ids far above the real ones, across a change in the number of digits.
    for (const [xid, entityId] of [['10000000', '3'], ['9999999', '2'], ['10000000', '4'], ['9999998', '1'], ['10000001', '5']] as const) {
      await env.db.query(`insert into changes (xid, entity, entity_id) values ($1::xid8, 'user', $2)`, [xid, entityId]);
    }
  });
  afterAll(() => env.close());

  it('orders by transaction id as a number, then sequence, and honours the cursor and the bound', async () => {
    const rows = await changesAfter(env.db, { xid: '9999998', seq: '0' }, '10000001', 10);
    expect(rows.map((row) => `${row.xid}:${row.entityId}`)).toEqual(['9999998:1', '9999999:2', '10000000:3', '10000000:4']);
    const third = rows[2]!;
    const after = await changesAfter(env.db, { xid: third.xid, seq: third.seq }, '10000001', 10);
    expect(after.map((row) => row.entityId)).toEqual(['4']);
    expect((await changesAfter(env.db, { xid: '9999998', seq: '0' }, '10000001', 2)).map((row) => row.entityId)).toEqual(['1', '2']);
  });

  it('knows whether anything can be served from an xid on', async () => {
    expect(await hasChangesFrom(env.db, '1')).toBe(true);
    expect(await hasChangesFrom(env.db, '99999999')).toBe(false);
  });
});
