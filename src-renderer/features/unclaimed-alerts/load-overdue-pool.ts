import type { ReplicaDb } from '../../db/replica-db';
import { alertCutoff, type OverdueBrand } from './unclaimed-alerts';
import { readLeads } from '../../db/lead-store';

/**
 * Per brand with an alert, the unclaimed leads that have waited longer than its threshold, oldest first: the
 * head of each pool column (only unclaimed leads in open stages carry a `pool` key, so claimed and closed leads
 * are never looked at), leads already notified left out.
 */
export async function loadOverduePool(db: ReplicaDb, thresholdOf: (brand: string) => number | undefined, notified: ReadonlySet<string>, now: Date): Promise<OverdueBrand[]> {
  const index = await readLeads(db);
  const overdue: OverdueBrand[] = [];
  for (const brand of index.poolBrands()) {
    const afterMinutes = thresholdOf(brand);
    if (afterMinutes === undefined) continue;
    const cutoff = alertCutoff(now, afterMinutes);
    const column = index.pool(brand);
    const waited = column.slice(0, firstAtOrAfter(column, cutoff));
    const leads = waited.filter((lead) => !notified.has(lead.id)).map((lead) => ({ id: lead.id, ref: lead.ref, createdAt: lead.createdAt }));
    if (leads.length === 0) continue;
    overdue.push({ brand, afterMinutes, leads });
  }
  return overdue;
}

/** The position of the first lead created at or after `time` in a column ordered by creation (binary search). */
function firstAtOrAfter(column: readonly { createdAt: string }[], time: string): number {
  let low = 0;
  let high = column.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (column[middle]!.createdAt < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
