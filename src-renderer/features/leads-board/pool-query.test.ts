import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultStages } from '../../../src-shared/domain/stages.fixture';
import { applyOnTop } from '../../db/apply-sync-page.fixture';
import { ReplicaDb } from '../../db/replica-db';
import { aLead, syncPageOf } from './board-test-kit';
import { loadPool } from './pool-query';

async function replica() {
  const db = new ReplicaDb(`pool-query-${Math.random()}`);
  const at = (hour: number) => `2026-03-01T${String(hour).padStart(2, '0')}:00:00.000Z`;
  await applyOnTop(db, {
    ...syncPageOf({
      leads: [
        aLead({ id: '1', brand: 'Toyota', createdAt: at(9) }),
        aLead({ id: '2', brand: 'Toyota', createdAt: at(7) }),
        aLead({ id: '3', brand: 'Toyota', createdAt: at(8) }),
        // same time as 2: the ref breaks the tie
        aLead({ id: '4', brand: 'Toyota', createdAt: at(7) }),
        aLead({ id: '5', brand: 'Honda', createdAt: at(6) }),
        aLead({ id: '6', brand: 'Honda', createdAt: at(5), userId: 'u1' }),
      ],
    }),
    stages: defaultStages(),
  });
  return db;
}

const ids = (pool: Awaited<ReturnType<typeof loadPool>>) => pool.columns.map((column) => ({ brand: column.brand, count: column.count, ids: column.leads.map((lead) => lead.id) }));

describe('reading the pool for Open Leads', () => {
  it('reads whole columns in the board\'s order, oldest or newest first', async () => {
    const db = await replica();
    const oldest = await loadPool(db, '', 'oldest');
    expect(oldest.brands).toEqual(['Honda', 'Toyota']);
    expect(ids(oldest)).toEqual([
      { brand: 'Honda', count: 1, ids: ['5'] },
      { brand: 'Toyota', count: 4, ids: ['2', '4', '3', '1'] },
    ]);
    expect(ids(await loadPool(db, 'Toyota', 'newest'))).toEqual([{ brand: 'Toyota', count: 4, ids: ['1', '3', '4', '2'] }]);
  });

  it('answers the very same pool while nothing in it changed, and a new one when the pool changes', async () => {
    const db = await replica();
    const before = await loadPool(db, '', 'oldest');
    // An own lead changing (not in the pool): the board is handed the same object, so it does not render again.
    await applyOnTop(db, syncPageOf({ leads: [aLead({ id: '6', brand: 'Honda', createdAt: '2026-03-01T05:00:00.000Z', userId: 'u1', vehicleModel: 'City', version: 2 })] }));
    expect(await loadPool(db, '', 'oldest')).toBe(before);
    await applyOnTop(db, syncPageOf({ leads: [aLead({ id: '5', brand: 'Honda', createdAt: '2026-03-01T06:00:00.000Z', userId: 'u1', version: 2 })] }));
    const after = await loadPool(db, '', 'oldest');
    expect(after).not.toBe(before);
    expect(ids(after)).toEqual([{ brand: 'Toyota', count: 4, ids: ['2', '4', '3', '1'] }]);
    expect(after.columns[0]?.leads).toBe(before.columns[1]?.leads);
  });
});
