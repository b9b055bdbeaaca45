import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { isOpenStage, type Stage } from '../../src-shared/domain/stages';
import { clearHistory, deleteHistory, historyTables, kindsIn, putHistory } from './history-store';
import { clearLeadRows, deleteLeadRows, modifyLeadRows, putLeadRows, readLeads } from './lead-store';
import { refreshPoolKey, toReplicaLead } from './pool-key';
import type { Table } from 'dexie';
import type { ReplicaDb } from './replica-db';
import { markWhole, unmarkWhole } from './whole-leads';

const DAY_MS = 24 * 60 * 60 * 1000;
export const CLOSED_RETENTION_DAYS = 90;

/** A page that follows another cursor than the replica's: applying it would skip or repeat changes. */
export class ReplicaOutOfStepError extends Error {
  constructor(after: string | null, current: string | null) {
    super(`The sync page follows cursor ${after ?? '(none: from the start)'} but the replica is at ${current ?? '(none: empty)'}; it was not applied.`);
    this.name = 'ReplicaOutOfStepError';
  }
}

/**
 * Applies one sync page and its cursor in one transaction, onto a replica whose cursor is `after` (the cursor the
 * page was asked for with; null: an empty replica) or not at all (ReplicaOutOfStepError): upserts, the leads it
 * brings whole, then removed leads with their messages, call logs, activities and whole mark. The replica is never
 * half-applied or out of step with its cursor. Main hands the next page over before this one is committed: the
 * transactions run in the order of the calls (IndexedDB runs those sharing a store in the order they were made,
 * and every page writes `meta`), and a page after one that failed finds the cursor unchanged and is refused.
 * Leads are stored with their Open Leads `pool` key, worked out from the stages as they stand after the page.
 */
export async function applySyncPage(db: ReplicaDb, page: SyncPage, after: string | null): Promise<void> {
  await db.transaction('rw', tablesOf(db, page), async () => {
    // Read first and checked last: the page's writes do not wait for the answer, and a page out of step is rolled
    // back whole when the check throws (the transaction aborts).
    const stored = db.meta.get('cursor');
    // A write failing first aborts the transaction and this read with it: that failure is the one reported.
    stored.catch(() => undefined);
    if (page.stages.length) await putStages(db, page.stages);
    if (page.users.length) await db.users.bulkPut(page.users);
    if (page.dealerships.length) await db.dealerships.bulkPut(page.dealerships);
    if (page.leads.length) await putLeads(db, page.leads);
    await putHistory(db, page);
    if (page.wholeLeadIds?.length) await markWhole(db, page.wholeLeadIds);
    if (page.removedLeadIds.length) await deleteLeads(db, page.removedLeadIds);
    const current = (await stored)?.value ?? null;
    if (current !== after) throw new ReplicaOutOfStepError(after, current);
    await db.meta.bulkPut([
      { key: 'cursor', value: page.cursor },
      { key: 'syncedAt', value: new Date().toISOString() },
    ]);
    // Written once after a reset: what only needs to know the replica is synced reads this, not the cursor that
    // every page rewrites (a live query on the cursor would run again after every page).
    if (!(await db.meta.get('synced'))) await db.meta.put({ key: 'synced', value: 'yes' });
  });
}

/**
 * The stores a page writes (or reads to write), and no others: IndexedDB runs a transaction only after every
 * earlier one that shares a store with it, so a history page that named `leads` too would hold every board read
 * of the leads until its thousands of messages were written.
 */
function tablesOf(db: ReplicaDb, page: SyncPage): Table[] {
  const removes = page.removedLeadIds.length > 0;
  const tables: Table[] = [db.meta];
  // putLeads reads the stages for the pool key; putStages rewrites the pool key of leads whose stage turned.
  if (page.leads.length || page.stages.length) tables.push(db.leadChunks, db.leadHeads, db.stages);
  else if (removes) tables.push(db.leadChunks, db.leadHeads);
  if (page.users.length) tables.push(db.users);
  if (page.dealerships.length) tables.push(db.dealerships);
  tables.push(...historyTables(db, removes ? undefined : kindsIn(page)));
  if (page.wholeLeadIds?.length || removes) tables.push(db.wholeLeadSets);
  return tables;
}

/** The page's leads with their pool keys; leads equal to the stored ones are not written again (see putLeadRows). */
async function putLeads(db: ReplicaDb, leads: SyncPage['leads']): Promise<void> {
  const stages = await db.stages.toArray();
  await putLeadRows(db, leads.map((lead) => toReplicaLead(lead, stages)));
}

/**
 * Stores stages; the leads of a stage that opened or closed get their pool key again (leads of a stage not
 * known yet were counted as open, so a new stage matters only when it is closed).
 */
async function putStages(db: ReplicaDb, incoming: Stage[]): Promise<void> {
  const before = await db.stages.bulkGet(incoming.map((stage) => stage.id));
  const turned = incoming.filter((stage, index) => {
    const old = before[index];
    return old ? isOpenStage(old) !== isOpenStage(stage) : !isOpenStage(stage);
  });
  await db.stages.bulkPut(incoming);
  if (!turned.length) return;
  const stages = await db.stages.toArray();
  const turnedIds = new Set(turned.map((stage) => stage.id));
  // A stage turning open or closed is a manager's rare change: a pass over the leads, not an index written with every lead.
  await modifyLeadRows(db, (lead) => {
    if (!turnedIds.has(lead.stageId)) return undefined;
    const refreshed = { ...lead };
    refreshPoolKey(refreshed, stages);
    return refreshed;
  });
}

async function deleteLeads(db: ReplicaDb, ids: string[]): Promise<void> {
  await deleteLeadRows(db, ids);
  await deleteHistory(db, ids);
  await unmarkWhole(db, ids);
}

/** Drops everything synced (the hub said reset, or Ctrl+Shift+R); the outbox is kept and still sent. */
export async function resetReplica(db: ReplicaDb): Promise<void> {
  await db.transaction('rw', [db.leadChunks, db.leadHeads, ...historyTables(db), db.stages, db.users, db.dealerships, db.meta, db.wholeLeadSets], async () => {
    await Promise.all([clearLeadRows(db), clearHistory(db), db.stages.clear(), db.users.clear(), db.dealerships.clear(), db.meta.clear(), db.wholeLeadSets.clear()]);
  });
}

export async function replicaCursor(db: ReplicaDb): Promise<string | null> {
  return (await db.meta.get('cursor'))?.value ?? null;
}

/** The replica keeps the user's closed leads of the last 90 days only. */
export async function dropOldClosedLeads(db: ReplicaDb, userId: string, now: Date): Promise<number> {
  const closedStageIds = new Set((await db.stages.toArray()).filter((stage) => stage.isWon || stage.isLost).map((stage) => stage.id));
  const cutoff = new Date(now.getTime() - CLOSED_RETENTION_DAYS * DAY_MS).toISOString();
  const old = (await readLeads(db))
    .ofUser(userId)
    .filter((lead) => closedStageIds.has(lead.stageId) && lead.updatedAt < cutoff)
    .map((lead) => lead.id);
  if (old.length) await db.transaction('rw', [db.leadChunks, db.leadHeads, ...historyTables(db), db.wholeLeadSets], async () => deleteLeads(db, old));
  return old.length;
}
