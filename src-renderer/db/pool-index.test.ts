import 'fake-indexeddb/auto';
import type Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src-shared/contract/entities.schema';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { exampleLead } from '../../src-shared/contract/contract-examples.fixture';
import { defaultStages } from '../../src-shared/domain/stages.fixture';
import { applyOnTop } from './apply-sync-page.fixture';
import { readLeads } from './lead-store';
import { hubLeadOf } from './pool-key';
import { ReplicaDb } from './replica-db';
import { shippedReplica } from './shipped-schemas.fixture';

const empty: SyncPage = { cursor: 'c0', hasMore: false, reset: false, leads: [], removedLeadIds: [], messages: [], callLogs: [], activities: [], stages: [], users: [], dealerships: [] };
const stages = defaultStages();
const lead = (id: string, patch: Partial<Lead> = {}): Lead => ({ ...exampleLead, id, ref: `LEAD/2026/${id.padStart(5, '0')}`, stageId: 'new', ...patch });

let n = 0;
const dbs: Dexie[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
function freshDb(name = `pool-test-${n++}`): ReplicaDb {
  const db = new ReplicaDb(name);
  dbs.push(db);
  return db;
}

/** What the lead index's pool holds, brand → lead ids, read the way the board reads it. */
async function pool(db: ReplicaDb): Promise<Record<string, string[]>> {
  const index = await readLeads(db);
  return Object.fromEntries(index.poolBrands().map((brand) => [brand, index.pool(brand).map((each) => each.id)]));
}

describe('the Open Leads pool', () => {
  it('holds unclaimed leads of open stages by brand, in creation order, and nothing else', async () => {
    const db = freshDb();
    await applyOnTop(db, {
      ...empty,
      stages,
      leads: [
        lead('1', { brand: 'Toyota', createdAt: '2026-03-02T08:00:00.000Z' }),
        lead('2', { brand: 'Toyota', createdAt: '2026-03-01T08:00:00.000Z', stageId: 'qualified' }),
        lead('3', { brand: 'Honda' }),
        lead('4', { brand: 'Honda', userId: 'u1' }),
        lead('5', { brand: 'Nissan', stageId: 'lost' }),
        lead('6', { brand: 'Nissan', stageId: 'won' }),
      ],
    });
    expect(await pool(db)).toEqual({ Honda: ['3'], Toyota: ['2', '1'] });
    // the field is the replica's own: the hub's lead is unchanged under it
    expect(hubLeadOf((await readLeads(db)).get('1')!)).toEqual(lead('1', { brand: 'Toyota', createdAt: '2026-03-02T08:00:00.000Z' }));
  });

  it('follows claims, returns to the pool and closing', async () => {
    const db = freshDb();
    await applyOnTop(db, { ...empty, stages, leads: [lead('1'), lead('2')] });
    expect(await pool(db)).toEqual({ Toyota: ['1', '2'] });
    await applyOnTop(db, { ...empty, leads: [lead('1', { userId: 'u1', version: 1 })] });
    expect(await pool(db)).toEqual({ Toyota: ['2'] });
    expect((await readLeads(db)).get('1')?.pool).toBeUndefined();
    await applyOnTop(db, { ...empty, leads: [lead('1', { userId: null, version: 2 })] });
    expect(await pool(db)).toEqual({ Toyota: ['1', '2'] });
    // a brand edit moves the lead to its new column
    await applyOnTop(db, { ...empty, leads: [lead('2', { brand: 'Honda', version: 1 })] });
    expect(await pool(db)).toEqual({ Honda: ['2'], Toyota: ['1'] });
    // closed (here unclaimed, as a supervisor's replica may hold it): out of the pool for good
    await applyOnTop(db, { ...empty, leads: [lead('1', { stageId: 'lost', version: 3 })] });
    expect(await pool(db)).toEqual({ Honda: ['2'] });
    await applyOnTop(db, { ...empty, removedLeadIds: ['2'] });
    expect(await pool(db)).toEqual({});
  });

  it('is worked out again when a stage opens or closes', async () => {
    const db = freshDb();
    await applyOnTop(db, { ...empty, stages, leads: [lead('1', { stageId: 'qualified' }), lead('2', { stageId: 'new' }), lead('3', { stageId: 'lost' })] });
    expect(await pool(db)).toEqual({ Toyota: ['1', '2'] });
    const qualified = stages.find((stage) => stage.id === 'qualified')!;
    const lost = stages.find((stage) => stage.id === 'lost')!;
    await applyOnTop(db, { ...empty, stages: [{ ...qualified, isLost: true }] });
    expect(await pool(db)).toEqual({ Toyota: ['2'] });
    await applyOnTop(db, { ...empty, stages: [{ ...qualified, isLost: false }, { ...lost, isLost: false }] });
    expect(await pool(db)).toEqual({ Toyota: ['1', '2', '3'] });
    // a rename leaves the flags, and the pool, as they were
    await applyOnTop(db, { ...empty, stages: [{ ...qualified, name: 'Qualified lead' }] });
    expect(await pool(db)).toEqual({ Toyota: ['1', '2', '3'] });
  });

  it('counts a lead whose stage is not known yet as open, and corrects it when the stage arrives closed', async () => {
    const db = freshDb();
    await applyOnTop(db, { ...empty, leads: [lead('1', { stageId: 'archive' })] });
    expect(await pool(db)).toEqual({ Toyota: ['1'] });
    await applyOnTop(db, { ...empty, stages: [{ id: 'archive', name: 'Archive', sequence: 90, isWon: false, isLost: true, folded: true }] });
    expect(await pool(db)).toEqual({});
  });

  it('is filled for the leads already stored when a version 1 replica is opened', async () => {
    const name = `pool-upgrade-${n++}`;
    // Version 1 as it shipped: no pool field, no pool index.
    const v1 = shippedReplica(name, 1);
    await v1.table('stages').bulkPut(stages);
    await v1.table('leads').bulkPut([lead('1', { brand: 'Honda' }), lead('2', { userId: 'u1' }), lead('3', { stageId: 'won' }), lead('4', { createdAt: '2026-01-01T00:00:00.000Z' })]);
    await v1.table('meta').put({ key: 'cursor', value: 'kept' });
    v1.close();

    const db = freshDb(name);
    expect(await pool(db)).toEqual({ Honda: ['1'], Toyota: ['4'] });
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect((await readLeads(db)).size).toBe(4);
    expect((await db.meta.get('cursor'))?.value).toBe('kept');
  });
});
