import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../src-shared/contract/entities.schema';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { defaultStages } from '../../src-shared/domain/stages.fixture';
import { loadMyActivitiesDueIn, loadMyOpenActivities } from '../features/home/my-activities';
import { hubActivityOf } from './activity-key';
import { applyOnTop } from './apply-sync-page.fixture';
import { shippedReplica } from './shipped-schemas.fixture';
import { freshReplicas } from './fresh-replicas.fixture';
import { storedHistory } from './history-store.fixture';

const empty: SyncPage = { cursor: 'c0', hasMore: false, reset: false, leads: [], removedLeadIds: [], messages: [], callLogs: [], activities: [], stages: [], users: [], dealerships: [] };
const activity = (id: string, patch: Partial<Activity> = {}): Activity => ({
  id,
  leadId: 'lead-1',
  userId: 'u1',
  type: 'call',
  summary: `Summary ${id}`,
  dueAt: '2026-03-10T09:00:00.000Z',
  done: false,
  ...patch,
});

let n = 0;
const freshDb = freshReplicas('activity-index-test');
const ids = (list: Array<{ id: string }>) => list.map((item) => item.id);

describe("the replica's open-activities index", () => {
  it("holds each user's open activities by due time, follows done and reassignment, and leaves the hub's activity as it was", async () => {
    const db = freshDb();
    await applyOnTop(db, {
      ...empty,
      stages: defaultStages(),
      activities: [
        activity('late', { dueAt: '2026-03-12T09:00:00.000Z' }),
        activity('soon', { dueAt: '2026-03-10T08:00:00Z' }),
        activity('done', { done: true }),
        activity('theirs', { userId: 'u2' }),
      ],
    });
    expect(ids(await loadMyOpenActivities(db, 'u1'))).toEqual(['soon', 'late']);
    expect(ids(await loadMyOpenActivities(db, 'u2'))).toEqual(['theirs']);
    await applyOnTop(db, { ...empty, activities: [activity('soon', { dueAt: '2026-03-10T08:00:00Z', done: true }), activity('theirs', { userId: 'u1' })] });
    expect(ids(await loadMyOpenActivities(db, 'u1'))).toEqual(['theirs', 'late']);
    expect(ids(await loadMyOpenActivities(db, 'u2'))).toEqual([]);
    expect(hubActivityOf((await storedHistory(db, 'activities')).find((stored) => stored.id === 'late')!)).toEqual(activity('late', { dueAt: '2026-03-12T09:00:00.000Z' }));
    expect((await loadMyOpenActivities(db, 'u1'))[0]).not.toHaveProperty('openFor');
  });

  it('reads only what fell due in (since, now], whether the hub wrote milliseconds or not', async () => {
    const db = freshDb();
    await applyOnTop(db, {
      ...empty,
      activities: [
        activity('at-since', { dueAt: '2026-03-10T09:00:00Z' }),
        activity('just-after', { dueAt: '2026-03-10T09:00:00.001Z' }),
        activity('at-now', { dueAt: '2026-03-10T09:00:30Z' }),
        activity('after-now', { dueAt: '2026-03-10T09:00:30.500Z' }),
        activity('done', { dueAt: '2026-03-10T09:00:10Z', done: true }),
      ],
    });
    const due = await loadMyActivitiesDueIn(db, 'u1', new Date('2026-03-10T09:00:00Z'), new Date('2026-03-10T09:00:30Z'));
    expect(ids(due)).toEqual(['just-after', 'at-now']);
  });

  it('is filled for the activities already stored when a version 2 replica is opened', async () => {
    const name = `activity-upgrade-${n++}`;
    const v2 = shippedReplica(name, 2);
    await v2.table('activities').bulkPut([activity('open'), activity('done', { done: true }), activity('theirs', { userId: 'u2' })]);
    await v2.table('meta').put({ key: 'cursor', value: 'kept' });
    v2.close();

    const db = freshDb(name);
    expect(ids(await loadMyOpenActivities(db, 'u1'))).toEqual(['open']);
    expect(ids(await loadMyOpenActivities(db, 'u2'))).toEqual(['theirs']);
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await storedHistory(db, 'activities')).toHaveLength(3);
    expect((await db.meta.get('cursor'))?.value).toBe('kept');
  });
});
