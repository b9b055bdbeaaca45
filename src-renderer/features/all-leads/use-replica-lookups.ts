import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Dealership, User } from '../../../src-shared/contract/entities.schema';
import { sortStages, type Stage } from '../../../src-shared/domain/stages';
import { useReplica } from '../../app/ReplicaProvider';
import { useNow } from '../../ui/use-now';
import type { LeadLookups } from './lead-columns';

const NO_USERS: User[] = [];
const NO_STAGES: Stage[] = [];
const NO_DEALERSHIPS: Dealership[] = [];

export interface ReplicaLookups {
  lookups: LeadLookups;
  /** Everyone, active first, by name: the agent filter marks the inactive ones. */
  users: User[];
  stages: Stage[];
  dealerships: Dealership[];
}

/** Users, stages and dealerships come from the replica (every role may read them); rows show their names. */
export function useReplicaLookups(): ReplicaLookups {
  const { db } = useReplica();
  const users = useLiveQuery(() => db.users.toArray(), [db]) ?? NO_USERS;
  const stages = useLiveQuery(() => db.stages.toArray(), [db]) ?? NO_STAGES;
  const dealerships = useLiveQuery(() => db.dealerships.toArray(), [db]) ?? NO_DEALERSHIPS;
  const now = useNow();
  return useMemo(() => {
    const sortedUsers = [...users].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
    return {
      users: sortedUsers,
      stages: sortStages(stages),
      dealerships,
      lookups: {
        stageName: new Map(stages.map((stage) => [stage.id, stage.name])),
        agent: new Map(users.map((user) => [user.id, { name: user.name, active: user.active }])),
        dealershipName: new Map(dealerships.map((dealership) => [dealership.id, dealership.name])),
        now,
      },
    };
  }, [users, stages, dealerships, now]);
}
