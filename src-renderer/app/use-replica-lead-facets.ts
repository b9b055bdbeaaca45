import { useEffect, useState } from 'react';
import { readLeadFacets, type LeadFacets } from '../db/lead-facets';
import { useReplica } from './ReplicaProvider';

const NONE: LeadFacets = { brands: [], sources: [] };

/** The brands and sources of the replica's leads, read once per visit (not live: these lists change seldom); empty until read. */
export function useReplicaLeadFacets(): LeadFacets {
  const { db } = useReplica();
  const [facets, setFacets] = useState<LeadFacets>(NONE);
  useEffect(() => {
    let live = true;
    void readLeadFacets(db).then((read) => {
      if (live) setFacets(read);
    });
    return () => {
      live = false;
    };
  }, [db]);
  return facets;
}
