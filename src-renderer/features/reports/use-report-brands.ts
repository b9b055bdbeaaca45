import { useLiveQuery } from 'dexie-react-hooks';
import { useReplica } from '../../app/ReplicaProvider';

/** The brands to filter by: the dealerships' brands and those on leads in the replica, sorted. */
export function useReportBrands(): string[] {
  const { db } = useReplica();
  return useLiveQuery(
    async () => {
      const dealerships = await db.dealerships.toArray();
      const onLeads = (await db.leads.orderBy('brand').uniqueKeys()) as string[];
      return [...new Set([...dealerships.flatMap((dealership) => dealership.brands), ...onLeads])].sort((a, b) => a.localeCompare(b));
    },
    [db],
    [],
  );
}
