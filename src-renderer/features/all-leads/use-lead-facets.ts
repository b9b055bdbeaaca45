import { useMemo } from 'react';
import type { Dealership, Lead } from '../../../src-shared/contract/entities.schema';
import { useReplicaLeadFacets } from '../../app/use-replica-lead-facets';

const byText = (a: string, b: string) => a.localeCompare(b);

/**
 * The brands and sources to offer as filters: the dealerships' brands, plus what the replica's leads and the
 * page on screen carry. The replica is read once per visit, not live: these lists change seldom.
 */
export function useLeadFacets(dealerships: Dealership[], shown: Lead[], chosen: { brand: string; source: string }): { brands: string[]; sources: string[] } {
  const fromReplica = useReplicaLeadFacets();

  return useMemo(() => {
    const brands = new Set([...dealerships.flatMap((dealership) => dealership.brands), ...fromReplica.brands, ...shown.map((lead) => lead.brand), chosen.brand]);
    const sources = new Set([...fromReplica.sources, ...shown.map((lead) => lead.source), chosen.source]);
    brands.delete('');
    sources.delete('');
    return { brands: [...brands].sort(byText), sources: [...sources].sort(byText) };
  }, [dealerships, fromReplica, shown, chosen.brand, chosen.source]);
}
