import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useReplica } from '../../app/ReplicaProvider';
import { useReplicaLeadFacets } from '../../app/use-replica-lead-facets';

/** The brands to filter by: the dealerships' brands (live) and those on the replica's leads (read once per visit), sorted. */
export function useReportBrands(): string[] {
  const { db } = useReplica();
  const dealershipBrands = useLiveQuery(async () => (await db.dealerships.toArray()).flatMap((dealership) => dealership.brands), [db], []);
  const onLeads = useReplicaLeadFacets().brands;
  return useMemo(() => [...new Set([...dealershipBrands, ...onLeads])].sort((a, b) => a.localeCompare(b)), [dealershipBrands, onLeads]);
}
