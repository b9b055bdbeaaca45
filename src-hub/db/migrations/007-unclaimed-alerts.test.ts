import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrate } from '../migrate';
import { openPgliteDatabase } from '../pglite-database';
import { emptyPgliteSnapshot } from '../../testing/empty-pglite-snapshot';

/** Migration 7 over a database of version 6 with a manager and an unclaimed lead: alerts start off. */

let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

describe('migration 7: unclaimed-lead alerts', () => {
  it('adds no alert for existing brands (off until a manager sets one) and keeps one threshold per brand, ignoring case', async () => {
    db = await openPgliteDatabase(null, emptyPgliteSnapshot());
    expect(await migrate(db, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    const [stage] = await db.query<{ id: string }>(`insert into stages (name, sequence) values ('New', 1) returning id`);
    const [manager] = await db.query<{ id: string }>(`insert into users (login, name, role, password_hash) values ('mia', 'Mia', 'manager', 'x') returning id`);
    await db.query(
      `insert into leads (ref, ref_year, ref_number, customer_name, brand, vehicle_model, source, stage_id, closed, created_at)
       values ('LEAD/2026/00001', 2026, 1, 'Customer', 'Toyota', 'Vios', 'web', $1, false, '2026-11-02T09:00:00Z')`,
      [stage?.id],
    );
    expect(await migrate(db, 7)).toEqual([7]);
    expect(await db.query('select * from unclaimed_alerts')).toEqual([]);

    await db.query(`insert into unclaimed_alerts (brand, after_minutes, updated_at, updated_by) values ('Toyota', 30, now(), $1)`, [manager?.id]);
    await expect(db.query(`insert into unclaimed_alerts (brand, after_minutes, updated_at) values ('TOYOTA', 10, now())`)).rejects.toThrow();
    await expect(db.query(`insert into unclaimed_alerts (brand, after_minutes, updated_at) values ('Honda', 1441, now())`)).rejects.toThrow();
    expect(await migrate(db, 7)).toEqual([]);
  });
});
