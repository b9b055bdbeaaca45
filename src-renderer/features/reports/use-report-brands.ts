import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useReplica } from '../../app/ReplicaProvider';
import { readLeadFacets } from '../../db/lead-facets';

/** The brands to filter by: the dealerships' brands (live) and those on the replica's leads (read once per visit), sorted. */
export function useReportBrands(): string[] {
  const { db } = useReplica();
  const dealershipBrands = useLiveQuery(async () => (await db.dealerships.toArray()).flatMap((dealership) => dealership.brands), [db], []);
  const [onLeads, setOnLeads] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void readLeadFacets(db).then((facets) => live && setOnLeads(facets.brands));
    return () => {
      live = false;
    };
  }, [db]);
  return useMemo(() => [...new Set([...dealershipBrands, ...onLeads])].sort((a, b) => a.localeCompare(b)), [dealershipBrands, onLeads]);
}
