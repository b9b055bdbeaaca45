import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrate } from '../migrate';
import { openPgliteDatabase } from '../pglite-database';
import { emptyPgliteSnapshot } from '../../testing/empty-pglite-snapshot';

/** Migration 6 over a database of version 5 holding leads with their history: the new facts come from it. */

let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

async function version5WithHistory(target: Database): Promise<Record<string, string>> {
  expect(await migrate(target, 5)).toEqual([1, 2, 3, 4, 5]);
  const one = async (sql: string, params: unknown[] = []) => (await target.query<{ id: string }>(sql, params))[0]?.id ?? '';
  const stage = await one(`insert into stages (name, sequence) values ('New', 1) returning id`);
  const wonStage = await one(`insert into stages (name, sequence, is_won) values ('Won', 9, true) returning id`);
  const ana = await one(`insert into users (login, name, role, password_hash) values ('ana', 'Ana', 'agent', 'x') returning id`);
  const ben = await one(`insert into users (login, name, role, password_hash) values ('ben', 'Ben', 'agent', 'x') returning id`);
  const dealer = await one(`insert into dealerships (code, name) values ('D', 'Dealer') returning id`);
  const lead = (ref: string, values: string) =>
    one(
      `insert into leads (ref, ref_year, ref_number, customer_name, brand, vehicle_model, source, stage_id, dealership_id, user_id, closed, claimed_at, created_at)
       values ($1, 2026, $2, 'Customer', 'Toyota', 'Vios', 'web', ${values}) returning id`,
      [ref, Number(ref.slice(-2))],
    );
  // claimed by Ana at 09:05, reassigned to Ben at 11:00 (claimed_at says 11:00), called at 09:30 and 10:00; a failed push
  const worked = await lead('LEAD/2026/00001', `${stage}, ${dealer}, ${ben}, false, '2026-11-02T11:00:00Z', '2026-11-02T09:00:00Z'`);
  await target.query(
    `insert into messages (lead_id, kind, body, author_id, tracking, created_at) values
      ($1, 'tracking', 'Assigned Agent: None → Ana', $2, '[{"field": "Assigned Agent", "from": null, "to": "Ana"}]', '2026-11-02T09:05:00Z'),
      ($1, 'tracking', 'Assigned Agent: Ana → Ben', $3, '[{"field": "Assigned Agent", "from": "Ana", "to": "Ben"}]', '2026-11-02T11:00:00Z'),
      ($1, 'error', 'Mark as Won failed: down (dealer_unreachable)', $3, null, '2026-11-02T12:00:00Z')`,
    [worked, ana, ben],
  );
  await target.query(`insert into call_logs (lead_id, user_id, duration_min, result, summary, created_at) values ($1, $2, 3, 'answered', '', '2026-11-02T10:00:00Z'), ($1, $2, 2, 'busy', '', '2026-11-02T09:30:00Z')`, [worked, ana]);
  await target.query(
    `insert into relay_leases (id, kind, lead_id, dealership_id, user_id, created_at, expires_at, ended_at, outcome) values
      ('p1', 'won', $1, $2, $3, '2026-11-02T11:59:00Z', '2026-11-02T12:09:00Z', '2026-11-02T12:00:00Z', 'failed')`,
    [worked, dealer, ben],
  );
  // a push that failed, then one that succeeded: nothing waits
  const recovered = await lead('LEAD/2026/00002', `${wonStage}, ${dealer}, ${ana}, true, '2026-11-02T09:10:00Z', '2026-11-02T09:00:00Z'`);
  await target.query(
    `insert into relay_leases (id, kind, lead_id, dealership_id, user_id, created_at, expires_at, ended_at, outcome) values
      ('p2', 'won', $1, $2, $3, '2026-11-02T12:00:00Z', '2026-11-02T12:10:00Z', '2026-11-02T12:01:00Z', 'failed'),
      ('p3', 'won', $1, $2, $3, '2026-11-02T13:00:00Z', '2026-11-02T13:10:00Z', '2026-11-02T13:01:00Z', 'confirmed')`,
    [recovered, dealer, ana],
  );
  const pool = await lead('LEAD/2026/00003', `${stage}, null, null, false, null, '2026-11-02T09:00:00Z'`);
  return { worked, recovered, pool, ana, ben };
}

describe('migration 6: lead timings and failed Won pushes', () => {
  it('fills first claim (the first claimer, not the reassignment), first call and the waiting failed push from the history', async () => {
    db = await openPgliteDatabase(null, emptyPgliteSnapshot());
    const ids = await version5WithHistory(db);
    expect(await migrate(db, 6)).toEqual([6]);
    const rows = await db.query<Record<string, unknown>>(
      `select id, first_claimed_at::text as claimed, first_claimed_by as claimer, first_call_at::text as called,
              won_failed_at::text as failed, won_failed_error as error, won_failed_by as failer
         from leads order by id`,
    );
    expect(rows).toEqual([
      { id: ids['worked'], claimed: '2026-11-02 09:05:00+00', claimer: ids['ana'], called: '2026-11-02 09:30:00+00', failed: '2026-11-02 12:00:00+00', error: 'Mark as Won failed: down (dealer_unreachable)', failer: ids['ben'] },
      { id: ids['recovered'], claimed: '2026-11-02 09:10:00+00', claimer: ids['ana'], called: null, failed: null, error: null, failer: null },
      { id: ids['pool'], claimed: null, claimer: null, called: null, failed: null, error: null, failer: null },
    ]);
    expect(await migrate(db, 6)).toEqual([]);
  });
});
