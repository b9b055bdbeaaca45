import { useEffect, useMemo, useState } from 'react';
import type { Dealership, Lead } from '../../../src-shared/contract/entities.schema';
import { useReplica } from '../../app/ReplicaProvider';

const byText = (a: string, b: string) => a.localeCompare(b);

/**
 * The brands and sources to offer as filters: the dealerships' brands, plus what the replica's leads and the
 * page on screen carry. The replica is read once per visit, not live: these lists change seldom.
 */
export function useLeadFacets(dealerships: Dealership[], shown: Lead[], chosen: { brand: string; source: string }): { brands: string[]; sources: string[] } {
  const { db } = useReplica();
  const [fromReplica, setFromReplica] = useState<{ brands: string[]; sources: string[] }>({ brands: [], sources: [] });

  useEffect(() => {
    let live = true;
    // One getAll is far quicker than a cursor over 20,000 leads (source has no index to read unique keys from).
    void db.leads.toArray().then((leads) => {
      if (live) setFromReplica({ brands: [...new Set(leads.map((lead) => lead.brand))], sources: [...new Set(leads.map((lead) => lead.source))] });
    });
    return () => {
      live = false;
    };
  }, [db]);

  return useMemo(() => {
    const brands = new Set([...dealerships.flatMap((dealership) => dealership.brands), ...fromReplica.brands, ...shown.map((lead) => lead.brand), chosen.brand]);
    const sources = new Set([...fromReplica.sources, ...shown.map((lead) => lead.source), chosen.source]);
    brands.delete('');
    sources.delete('');
    return { brands: [...brands].sort(byText), sources: [...sources].sort(byText) };
  }, [dealerships, fromReplica, shown, chosen.brand, chosen.source]);
}
