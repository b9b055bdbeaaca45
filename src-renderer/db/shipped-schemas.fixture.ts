import Dexie from 'dexie';

/**
 * The replica's schema versions exactly as they shipped, frozen here (not read from replica-db.ts) so that an
 * upgrade test opens a database the way an older app left it.
 */
const SHIPPED: ReadonlyArray<Record<string, string>> = [
  {
    leads: 'id, [stageId+userId], userId, brand, createdAt, ref',
    messages: 'id, leadId',
    callLogs: 'id, leadId',
    activities: 'id, leadId, dueAt, [userId+done]',
    stages: 'id',
    users: 'id',
    dealerships: 'id',
    meta: 'key',
    outbox: '++seq, clientId, leadId, status',
  },
  { leads: 'id, [stageId+userId], userId, brand, createdAt, ref, stageId, pool, [pool+createdAt]' },
  { activities: 'id, leadId, dueAt, [openFor+dueAt]' },
  { wholeLeads: 'leadId', leads: 'id, userId, brand, createdAt, stageId, pool, [pool+createdAt]', activities: 'id, leadId, [openFor+dueAt]' },
  { leads: 'id, userId, createdAt, pool, [pool+createdAt]', chatter: 'leadId' },
  { messages: null } as unknown as Record<string, string>,
  { leadChunks: 'id', leadHeads: 'id' },
  { leads: null } as unknown as Record<string, string>,
  { wholeLeadSets: 'id' },
  { wholeLeads: null } as unknown as Record<string, string>,
  { chatterChunks: 'id', chatterHeads: 'id', callChunks: 'id', callHeads: 'id', activityChunks: 'id', activityHeads: 'id' },
  { chatter: null, callLogs: null, activities: null } as unknown as Record<string, string>,
];

/** A database named `name` at shipped schema `version` (1-based), for filling before the current app opens it. */
export function shippedReplica(name: string, version: number): Dexie {
  const db = new Dexie(name);
  SHIPPED.slice(0, version).forEach((stores, index) => db.version(index + 1).stores(stores));
  return db;
}
