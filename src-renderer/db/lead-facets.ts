import type { ReplicaDb } from './replica-db';

export interface LeadFacets {
  brands: string[];
  sources: string[];
}

/**
 * The brands and sources the replica's leads carry, for filter choices. Read once per visit, not live: these
 * lists change seldom, and neither has an index (each index is written with every lead a first sync brings).
 * One getAll is far quicker than a cursor over 20,000 leads.
 */
export async function readLeadFacets(db: ReplicaDb): Promise<LeadFacets> {
  const leads = await db.leads.toArray();
  return { brands: [...new Set(leads.map((lead) => lead.brand))], sources: [...new Set(leads.map((lead) => lead.source))] };
}
