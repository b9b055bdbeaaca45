import Dexie, { type EntityTable } from 'dexie';
import type { KeptOutboxItem, OutboxOwnerInput } from '../../src-shared/contract/ipc.contract';
import type { OutboxItem, ReplicaDb } from './replica-db';

/**
 * What a person could not send before their session ended, sealed by main for them alone. It lives outside
 * every replica (which is deleted): one record per sealing, only its owner's next sign-in opens it. The owner and
 * the count are in the clear (no customer data); the notes, calls and activities are not.
 */
export interface SealedOutbox {
  id?: number;
  /** `hubUrl:userId`, as in the replica's name. */
  owner: string;
  sealed: string;
  count: number;
  keptAt: string;
}

export class KeptOutboxDb extends Dexie {
  sealed!: EntityTable<SealedOutbox, 'id'>;

  constructor(name = 'crm-kept-outbox') {
    super(name);
    this.version(1).stores({ sealed: '++id, owner' });
  }
}

export type SealOutbox = (owner: OutboxOwnerInput, items: KeptOutboxItem[]) => Promise<string>;
export type OpenOutbox = (sealed: string) => Promise<KeptOutboxItem[]>;

export function ownerKey(owner: OutboxOwnerInput): string {
  return `${owner.hubUrl}:${owner.userId}`;
}

function toKept(item: OutboxItem): KeptOutboxItem {
  return { kind: item.kind, leadId: item.leadId, clientId: item.clientId, body: item.body, status: item.status, attempts: item.attempts, lastError: item.lastError, createdAt: item.createdAt };
}

/**
 * Seals everything in a replica's outbox for its owner and keeps it here. Resolves to how many items were kept;
 * throws when they could not be sealed (then the replica's outbox is left as it was: nothing is lost).
 */
export async function sealReplicaOutbox(replica: ReplicaDb, owner: OutboxOwnerInput, kept: KeptOutboxDb, seal: SealOutbox, now = new Date()): Promise<number> {
  const items = await replica.outbox.orderBy('seq').toArray();
  if (items.length === 0) return 0;
  const sealed = await seal(owner, items.map(toKept));
  await kept.sealed.add({ owner: ownerKey(owner), sealed, count: items.length, keptAt: now.toISOString() });
  await replica.outbox.bulkDelete(items.map((item) => item.seq as number));
  return items.length;
}

/**
 * At the owner's sign-in: what was kept for them goes back into their outbox, in the order it was made, each
 * item once (its clientId). One that cannot be opened (sealed under a password changed since) stays kept.
 */
export async function restoreKeptOutbox(replica: ReplicaDb, owner: OutboxOwnerInput, kept: KeptOutboxDb, open: OpenOutbox): Promise<{ restored: number; unopened: number }> {
  const outcome = { restored: 0, unopened: 0 };
  const records = await kept.sealed.where('owner').equals(ownerKey(owner)).sortBy('id');
  for (const record of records) {
    let items: KeptOutboxItem[];
    try {
      items = await open(record.sealed);
    } catch {
      outcome.unopened++;
      continue;
    }
    await replica.transaction('rw', replica.outbox, async () => {
      for (const item of items) {
        if ((await replica.outbox.where('clientId').equals(item.clientId).count()) > 0) continue;
        await replica.outbox.add({ ...item });
        outcome.restored++;
      }
    });
    await kept.sealed.delete(record.id as number);
  }
  return outcome;
}

let shared: KeptOutboxDb | null = null;

/** The workstation's one store of kept outboxes. */
export function keptOutboxDb(): KeptOutboxDb {
  shared ??= new KeptOutboxDb();
  return shared;
}
