import type { Lead } from '../../src-shared/contract/entities.schema';
import { isOnOpenLeads } from '../../src-shared/domain/lead-access';
import type { Stage } from '../../src-shared/domain/stages';

/**
 * A lead as the replica stores it: the hub's lead plus `pool`, its brand while it waits unclaimed in an open
 * stage, absent otherwise. IndexedDB leaves a record without the key out of an index (null is no key), so
 * the `pool` indexes hold the Open Leads pool and nothing else.
 */
export interface ReplicaLead extends Lead {
  pool?: string;
}

/** The `pool` value a lead should have under these stages (an unknown stage counts as open, as on the board). */
export function poolKeyOf(lead: Lead, stages: readonly Stage[]): string | undefined {
  return isOnOpenLeads(stages, lead) ? lead.brand : undefined;
}

/** The record to store: the hub's lead with its `pool` key, or without one (a stale key never survives a put). */
export function toReplicaLead(lead: Lead, stages: readonly Stage[]): ReplicaLead {
  const { pool: _stale, ...plain } = lead as ReplicaLead;
  const pool = poolKeyOf(plain, stages);
  return pool === undefined ? plain : { ...plain, pool };
}

/** Sets or removes `pool` in place (Dexie's modify() and the schema upgrade change records this way). */
export function refreshPoolKey(lead: ReplicaLead, stages: readonly Stage[]): void {
  const pool = poolKeyOf(lead, stages);
  if (pool === undefined) delete lead.pool;
  else lead.pool = pool;
}

/** The hub's lead without the replica's own field (for comparing with what the hub answers). */
export function hubLeadOf(lead: ReplicaLead): Lead {
  const { pool: _pool, ...plain } = lead;
  return plain;
}
