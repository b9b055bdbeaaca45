import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { CallLog, Dealership, Message, User } from '../../src-shared/contract/entities.schema';
import type { Stage } from '../../src-shared/domain/stages';
import { toReplicaActivity, type ReplicaActivity } from './activity-key';
import type { ChatterRow } from './chatter';
import { putKeyed, type ChunkHead } from './chunk-store';
import { byCreatedThenId } from './created-order';
import { groupBy } from '../../src-shared/group-by';
import { putHistory, type HistoryChunk, type HistoryTables } from './history-store';
import { putLeadRows, type LeadChunk, type LeadHead } from './lead-store';
import { refreshPoolKey, type ReplicaLead } from './pool-key';
import { markWhole, type WholeLeadSet } from './whole-leads';

/** A record the user made that waits for the hub: sent in order, each exactly once thanks to its clientId. */
export interface OutboxItem {
  seq?: number;
  clientId: string;
  kind: 'note' | 'call' | 'activity';
  leadId: string;
  /** The request body, without clientId. */
  body: Record<string, unknown>;
  status: 'pending' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** A lead whose whole history (messages, call logs, activities) the replica holds: the user's own leads. */
export interface WholeLeadRow {
  leadId: string;
}

export interface MetaRow {
  /** `synced`: written once by the first page applied after a reset (see apply-sync-page.ts). */
  key: 'cursor' | 'syncedAt' | 'synced';
  value: string;
}

/**
 * The local replica: what the user may see and work on, written only by the sync apply step and the outbox.
 * Schema versions are numbered here and nowhere else.
 */
export class ReplicaDb extends Dexie {
  leadChunks!: Table<LeadChunk, string>;
  leadHeads!: Table<LeadHead, string>;
  chatterChunks!: Table<HistoryChunk<Message>, string>;
  chatterHeads!: Table<ChunkHead, string>;
  callChunks!: Table<HistoryChunk<CallLog>, string>;
  callHeads!: Table<ChunkHead, string>;
  activityChunks!: Table<HistoryChunk<ReplicaActivity>, string>;
  activityHeads!: Table<ChunkHead, string>;
  stages!: EntityTable<Stage, 'id'>;
  users!: EntityTable<User, 'id'>;
  dealerships!: EntityTable<Dealership, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  wholeLeadSets!: EntityTable<WholeLeadSet, 'id'>;
  outbox!: EntityTable<OutboxItem, 'seq'>;

  constructor(name: string) {
    // Relaxed durability: the replica can always be rebuilt from the hub, so it need not wait for the disk.
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({
      // boards: Open Leads (unclaimed by brand and age), My Pipeline (stage + assignee), search by ref
      leads: 'id, [stageId+userId], userId, brand, createdAt, ref',
      messages: 'id, leadId',
      callLogs: 'id, leadId',
      activities: 'id, leadId, dueAt, [userId+done]',
      stages: 'id',
      users: 'id',
      dealerships: 'id',
      meta: 'key',
      outbox: '++seq, clientId, leadId, status',
    });
    // Open Leads reads its pool straight from an index: `pool` (the brand, present only on unclaimed leads in
    // an open stage, see pool-key.ts) with creation time for the board's order; stageId to refresh `pool`
    // when a stage's won/lost flags change.
    this.version(2)
      .stores({ leads: 'id, [stageId+userId], userId, brand, createdAt, ref, stageId, pool, [pool+createdAt]' })
      .upgrade(async (tx) => {
        const stages = await tx.table<Stage, string>('stages').toArray();
        await tx.table<ReplicaLead, string>('leads').toCollection().modify((lead) => refreshPoolKey(lead, stages));
      });
    // Home and the due check read one user's open activities by due time from an index (`openFor`, see
    // activity-key.ts) instead of scanning every activity of the replica.
    this.version(3)
      // `[userId+done]` goes: booleans are no IndexedDB keys, so it never held a record.
      .stores({ activities: 'id, leadId, dueAt, [openFor+dueAt]' })
      .upgrade(async (tx) => {
        await tx
          .table<ReplicaActivity, string>('activities')
          .toCollection()
          .modify((activity, ref) => {
            ref.value = toReplicaActivity(activity);
          });
      });
    // A first sync brings lead rows first and the history of the user's own leads only (other leads' history is
    // fetched when opened): `wholeLeads` names the leads whose history is complete here. A replica of an older
    // version holds every lead whole. Leads lose the two indexes nothing reads (`[stageId+userId]`, `ref`), and
    // activities `dueAt` (Home reads `[openFor+dueAt]`): every index is written with every record, and a first sync
    // writes 20,000 leads (a third less time without these).
    this.version(4)
      .stores({ wholeLeads: 'leadId', leads: 'id, userId, brand, createdAt, stageId, pool, [pool+createdAt]', activities: 'id, leadId, [openFor+dueAt]' })
      .upgrade(async (tx) => {
        const ids = await tx.table<ReplicaLead, string>('leads').toCollection().primaryKeys();
        await tx.table<WholeLeadRow, string>('wholeLeads').bulkPut(ids.map((leadId) => ({ leadId })));
      });
    // Leads lose `stageId` (a stage turning open or closed is a rare change: a pass over the leads) and `brand` (the
    // reports' brand filter reads the leads once per visit, see lead-facets.ts): a first sync writes two index
    // entries fewer for every lead it brings. `userId` and the pool's indexes hold only some leads (a record without
    // the key is left out), `createdAt` every lead.
    // Messages move into one `chatter` record per lead (see chatter.ts): a first sync writes a record per own lead
    // instead of one per message. Version 6 drops the old table once version 5 has moved its messages.
    this.version(5)
      .stores({ leads: 'id, userId, createdAt, pool, [pool+createdAt]', chatter: 'leadId' })
      .upgrade(async (tx) => {
        const byLead = groupBy(await tx.table<Message, string>('messages').toArray(), (message) => message.leadId);
        await tx.table<ChatterRow, string>('chatter').bulkPut([...byLead].map(([leadId, messages]) => ({ leadId, messages: messages.sort(byCreatedThenId) })));
      });
    this.version(6).stores({ messages: null });
    // Leads move into chunks of up to 500 (see lead-store.ts): IndexedDB's cost is per record, and a first sync
    // wrote one per visible lead before the board was usable. Version 8 drops the old table once 7 has moved them.
    this.version(7)
      .stores({ leadChunks: 'id', leadHeads: 'id' })
      .upgrade(async (tx) => {
        const leads = await tx.table<ReplicaLead, string>('leads').toArray();
        await putLeadRows({ leadChunks: tx.table('leadChunks'), leadHeads: tx.table('leadHeads') }, leads);
      });
    this.version(8).stores({ leads: null });
    // The whole-lead marks move into sets (see whole-leads.ts): one record per history page, not one per own lead.
    // Version 10 drops the old table once 9 has moved them.
    this.version(9)
      .stores({ wholeLeadSets: 'id' })
      .upgrade(async (tx) => {
        const ids = (await tx.table<WholeLeadRow, string>('wholeLeads').toCollection().primaryKeys()) as string[];
        for (let at = 0; at < ids.length; at += 500) await markWhole({ wholeLeadSets: tx.table('wholeLeadSets') }, ids.slice(at, at + 500));
      });
    this.version(10).stores({ wholeLeads: null });
    // The history moves into chunked stores too (see history-store.ts): one list per lead and kind, up to 100 leads
    // a record, instead of a record per call log and activity and one chatter record per lead. Version 12 drops the
    // old tables once 11 has moved them.
    this.version(11)
      .stores({ chatterChunks: 'id', chatterHeads: 'id', callChunks: 'id', callHeads: 'id', activityChunks: 'id', activityHeads: 'id' })
      .upgrade(async (tx) => {
        const [chatter, callLogs, activities] = await Promise.all([
          tx.table<ChatterRow, string>('chatter').toArray(),
          tx.table<CallLog, string>('callLogs').toArray(),
          tx.table<ReplicaActivity, string>('activities').toArray(),
        ]);
        const tables = Object.fromEntries(['chatterChunks', 'chatterHeads', 'callChunks', 'callHeads', 'activityChunks', 'activityHeads'].map((name) => [name, tx.table(name)]));
        await putHistory(tables as unknown as HistoryTables, { messages: chatter.flatMap((row) => row.messages), callLogs, activities });
      });
    this.version(12).stores({ chatter: null, callLogs: null, activities: null });
    // The chunked stores keep their records under out-of-line keys: for a store with a key path, Chromium clones
    // every value it is handed to read the key from the copy (a full deserialization of a chunk of 500 leads), which
    // was about as costly as the write itself. IndexedDB cannot change a store's key in place, so each store is
    // copied aside (13), made again under the same name (14, 15) and the copy dropped (16); a new replica is made at
    // version 16 directly.
    this.version(13)
      .stores(storesOf(CHUNKED_STORES.map(aside), ''))
      .upgrade(async (tx) => copyStores(tx, (name) => [name, aside(name)]));
    this.version(14).stores(storesOf(CHUNKED_STORES, null));
    this.version(15)
      .stores(storesOf(CHUNKED_STORES, ''))
      .upgrade(async (tx) => copyStores(tx, (name) => [aside(name), name]));
    this.version(16).stores(storesOf(CHUNKED_STORES.map(aside), null));
  }
}

/** The stores of chunk records and their heads (chunk-store.ts). */
const CHUNKED_STORES = ['leadChunks', 'leadHeads', 'chatterChunks', 'chatterHeads', 'callChunks', 'callHeads', 'activityChunks', 'activityHeads'] as const;

const aside = (name: string): string => `${name}Aside`;

function storesOf(names: readonly string[], schema: string | null): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, schema])) as Record<string, string>;
}

/** Copies every chunked store's records from one store to another (`pair` names them), each under its `id`. */
async function copyStores(tx: Transaction, pair: (name: string) => [from: string, to: string]): Promise<void> {
  for (const name of CHUNKED_STORES) {
    const [from, to] = pair(name);
    const records = await tx.table<{ id: string }>(from).toArray();
    if (records.length) await putKeyed(tx.table(to), records);
  }
}

export const REPLICA_PREFIX = 'crm-replica:';

/** One replica per hub and user, so two people on one workstation never see each other's data. */
export function replicaName(hubUrl: string, userId: string): string {
  return `${REPLICA_PREFIX}${hubUrl}:${userId}`;
}

/** Whose replica a database name is (the reverse of replicaName; user ids hold no colon), or null for another name. */
export function replicaOwner(name: string): { hubUrl: string; userId: string } | null {
  if (!name.startsWith(REPLICA_PREFIX)) return null;
  const rest = name.slice(REPLICA_PREFIX.length);
  const colon = rest.lastIndexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return null;
  return { hubUrl: rest.slice(0, colon), userId: rest.slice(colon + 1) };
}
