import Dexie from 'dexie';
import type { ReplicaDb } from '../../db/replica-db';
import { alertCutoff, type OverdueBrand } from './unclaimed-alerts';

/**
 * Per brand with an alert, the unclaimed leads that have waited longer than its threshold, oldest first: one
 * range of the replica's pool index each (only unclaimed leads in open stages carry a `pool` key, so claimed
 * and closed leads are never read). Only leads not notified yet are read whole.
 */
export async function loadOverduePool(db: ReplicaDb, thresholdOf: (brand: string) => number | undefined, notified: ReadonlySet<string>, now: Date): Promise<OverdueBrand[]> {
  const brands = (await db.leads.orderBy('pool').uniqueKeys()) as string[];
  const overdue: OverdueBrand[] = [];
  for (const brand of brands) {
    const afterMinutes = thresholdOf(brand);
    if (afterMinutes === undefined) continue;
    const range = db.leads.where('[pool+createdAt]').between([brand, Dexie.minKey], [brand, alertCutoff(now, afterMinutes)], true, false);
    const fresh = ((await range.primaryKeys()) as string[]).filter((id) => !notified.has(id));
    if (fresh.length === 0) continue;
    const leads = (await db.leads.bulkGet(fresh)).flatMap((lead) => (lead ? [{ id: lead.id, ref: lead.ref, createdAt: lead.createdAt }] : []));
    overdue.push({ brand, afterMinutes, leads });
  }
  return overdue;
}
