import { readLeads } from './lead-store';
import type { ReplicaDb } from './replica-db';

export interface LeadFacets {
  brands: string[];
  sources: string[];
}

/**
 * The brands and sources the replica's leads carry, for filter choices. Read once per visit, not live: these
 * lists change seldom, and neither is indexed.
 */
export async function readLeadFacets(db: ReplicaDb): Promise<LeadFacets> {
  const leads = (await readLeads(db)).all();
  return { brands: [...new Set(leads.map((lead) => lead.brand))], sources: [...new Set(leads.map((lead) => lead.source))] };
}
