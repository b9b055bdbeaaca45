import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity, Lead } from '../../../src-shared/contract/entities.schema';
import { seedHistory } from '../../db/history-store.fixture';
import { ReplicaDb } from '../../db/replica-db';
import { makeLead } from '../lead-form/lead-form.fixture';
import { loadHomeGroups, todayBounds } from './home-groups';
import { seedLeads } from '../../db/lead-store.fixture';

const dbs: ReplicaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

let n = 0;
async function replica(activities: Activity[], leads: Lead[]): Promise<ReplicaDb> {
  const db = new ReplicaDb(`home-groups-test-${n++}`);
  dbs.push(db);
  await seedLeads(db, leads);
  await seedHistory(db, { activities });
  return db;
}

const activity = (id: string, dueAt: string, patch: Partial<Activity> = {}): Activity => ({ id, leadId: 'lead-1', userId: 'u1', type: 'call', summary: id, dueAt, done: false, ...patch });
const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);
const ALL = { overdue: 50, today: 50, planned: 50 };

describe("Home's groups from the open-activities index", () => {
  // Mid-afternoon on the workstation's clock, whatever its time zone.
  const now = new Date(2026, 2, 10, 15, 30);
  const { start, end } = todayBounds(now);
  const second = (iso: string, by: number) => new Date(Date.parse(iso) + by * 1000).toISOString();

  it("splits the user's open activities at the workstation's midnights, soonest first, with or without milliseconds", async () => {
    const db = await replica(
      [
        activity('last-second-yesterday', second(start, -1)),
        activity('midnight', start.replace('.000Z', 'Z')),
        activity('evening', second(end, -3600)),
        activity('tomorrow', end),
        activity('long-ago', '2020-01-01T00:00:00Z'),
        activity('done', second(start, 60), { done: true }),
        activity('theirs', second(start, 60), { userId: 'u2' }),
      ],
      [makeLead()],
    );
    const groups = await loadHomeGroups(db, 'u1', now, ALL);
    expect(ids(groups.overdue.rows)).toEqual(['long-ago', 'last-second-yesterday']);
    expect(ids(groups.today.rows)).toEqual(['midnight', 'evening']);
    expect(ids(groups.planned.rows)).toEqual(['tomorrow']);
    expect(groups.today.rows[0]).toMatchObject({ leadRef: 'LEAD/2026/00042', customerName: 'Maria Lopez' });
    expect(groups.today.rows[0]).not.toHaveProperty('openFor');
  });

  it('counts every activity of a group but answers only the rows asked for, each with its lead', async () => {
    const leads = Array.from({ length: 30 }, (_, i) => makeLead({ id: `lead-${i}`, ref: `LEAD/2026/${String(i).padStart(5, '0')}` }));
    const planned = Array.from({ length: 30 }, (_, i) => activity(`p-${String(i).padStart(2, '0')}`, second(end, 60 * i), { leadId: `lead-${i}` }));
    const db = await replica([...planned, activity('o-1', second(start, -60), { leadId: 'lead-29' })], leads);
    const groups = await loadHomeGroups(db, 'u1', now, { overdue: 5, today: 5, planned: 5 });
    expect(groups.planned.count).toBe(30);
    expect(ids(groups.planned.rows)).toEqual(['p-00', 'p-01', 'p-02', 'p-03', 'p-04']);
    expect(groups.overdue).toMatchObject({ count: 1, rows: [{ id: 'o-1', leadRef: 'LEAD/2026/00029' }] });
    expect(groups.today).toEqual({ count: 0, rows: [] });
    expect(groups.planned.rows.map((row) => row.leadRef)).toEqual(['LEAD/2026/00000', 'LEAD/2026/00001', 'LEAD/2026/00002', 'LEAD/2026/00003', 'LEAD/2026/00004']);
  });
});
