import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { changesLeadState } from './sync-plan';
import { changesAfter, hasChangesFrom, laterLeadStates } from './sync.repo';

describe.each(FEATURE_BACKENDS)('change log reads on %s', (backend) => {
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
    // The horizon is the server's: another database's open transaction may hold it below these rows a moment.
    await expect.poll(() => hasChangesFrom(env.db, '1'), { timeout: 15_000, interval: 20 }).toBe(true);
    expect(await hasChangesFrom(env.db, '99999999')).toBe(false);
  });

  it('reads the later state-changing rows of the named leads, the same rows changesLeadState picks', async () => {
    // [old user, old closed, new user, new closed, existed] for lead 77, and one row of lead 78.
    const shapes = [
      [null, null, null, false, false], // created in the pool
      [null, false, null, false, true], // edited in the pool
      [null, false, 5, false, true], // claimed
      [5, false, 5, false, true], // stage move
      [5, false, 5, true, true], // closed
      [5, true, 5, false, true], // reopened
    ] as const;
    const insert = (leadId: string, shape: readonly unknown[]) =>
      env.db.query<{ seq: string; xid: string }>(
        `insert into changes (xid, entity, entity_id, lead_id, old_user_id, old_closed, new_user_id, new_closed, existed)
         values ('20000000'::xid8, 'lead', $1, $1, $2, $3, $4, $5, $6) returning seq::text, xid::text`,
        [leadId, ...shape],
      );
    const [first] = await insert('77', shapes[0]);
    for (const shape of shapes.slice(1)) await insert('77', shape);
    await insert('78', shapes[2]);
    const rows = await laterLeadStates(env.db, ['77'], { xid: first!.xid, seq: first!.seq });
    expect(rows.map((row) => [row.oldUserId, row.oldClosed, row.newUserId, row.newClosed, row.existed])).toEqual([
      [null, false, '5', false, true],
      ['5', false, '5', true, true],
      ['5', true, '5', false, true],
    ]);
    const all = await laterLeadStates(env.db, ['77', '78'], { xid: '1', seq: '0' });
    const everyRow = await changesAfter(env.db, { xid: '1', seq: '0' }, '20000001', 100);
    expect(all.map((row) => row.seq)).toEqual(everyRow.filter(changesLeadState).map((row) => row.seq));
    expect(all).toHaveLength(5);
  });
});
