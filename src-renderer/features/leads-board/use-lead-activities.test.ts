import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOnTop } from '../../db/apply-sync-page.fixture';
import { ReplicaDb } from '../../db/replica-db';
import { anActivity, syncPageOf } from './board-test-kit';
import { loadOpenActivitiesOf } from './use-lead-activities';

const dbs: ReplicaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe("My Pipeline's activity pills", () => {
  it("read the open activities of the given leads only, whoever they are assigned to, as the hub sent them", async () => {
    const db = new ReplicaDb(`lead-activities-test-${Date.now()}`);
    dbs.push(db);
    await applyOnTop(
      db,
      syncPageOf({
        activities: [
          anActivity({ id: 'mine', leadId: 'l1', dueAt: '2026-03-10T09:00:00Z' }),
          anActivity({ id: 'colleague', leadId: 'l2', dueAt: '2026-03-10T09:00:00Z', userId: 'u2' }),
          anActivity({ id: 'done', leadId: 'l1', dueAt: '2026-03-10T09:00:00Z', done: true }),
          anActivity({ id: 'pool-lead', leadId: 'l3', dueAt: '2026-03-10T09:00:00Z' }),
        ],
      }),
    );
    const rows = await loadOpenActivitiesOf(db, ['l1', 'l2']);
    expect(rows.map((row) => row.id).sort()).toEqual(['colleague', 'mine']);
    expect(rows[0]).not.toHaveProperty('openFor');
    expect(await loadOpenActivitiesOf(db, [])).toEqual([]);
  });
});
