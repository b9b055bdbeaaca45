import { randomUUID } from 'node:crypto';
import { one, type Sql } from '../../db/database';

export type LeaseKind = 'won' | 'test';
/** How a lease ended: the push was confirmed or failed, or it lapsed and a new prepare replaced it. */
export type LeaseOutcome = 'confirmed' | 'failed' | 'expired';

export interface LeaseRow extends Record<string, unknown> {
  id: string;
  kind: LeaseKind;
  lead_id: string | null;
  dealership_id: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  outcome: LeaseOutcome | null;
}

const LEASE_COLUMNS = 'r.id, r.kind, r.lead_id, r.dealership_id, r.user_id, r.created_at, r.expires_at, r.ended_at, r.outcome';

/** Lease ids are random UUIDs: holding one is what opens the relay, so they must not be guessable. */
export async function insertLease(
  tx: Sql,
  lease: { kind: LeaseKind; leadId: string | null; dealershipId: string; userId: string; now: Date; ttlMs: number },
): Promise<LeaseRow> {
  const [row] = await tx.query<LeaseRow>(
    `insert into relay_leases as r (id, kind, lead_id, dealership_id, user_id, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7)
     returning ${LEASE_COLUMNS}`,
    [randomUUID(), lease.kind, lease.leadId, lease.dealershipId, lease.userId, lease.now, new Date(lease.now.getTime() + lease.ttlMs)],
  );
  if (!row) throw new Error('insert into relay_leases returned nothing');
  return row;
}

export async function selectLease(sql: Sql, leaseId: string, lock = false): Promise<LeaseRow | null> {
  return one<LeaseRow>(sql, `select ${LEASE_COLUMNS} from relay_leases r where r.id = $1${lock ? ' for update' : ''}`, [leaseId]);
}

/** The lead's won lease that has not ended (it may have expired: the unique index still holds it). */
export async function openWonLease(tx: Sql, leadId: string): Promise<LeaseRow | null> {
  return one<LeaseRow>(tx, `select ${LEASE_COLUMNS} from relay_leases r where r.kind = 'won' and r.lead_id = $1 and r.ended_at is null for update`, [leadId]);
}

export async function endLease(tx: Sql, leaseId: string, outcome: LeaseOutcome, now: Date): Promise<void> {
  await tx.query('update relay_leases set ended_at = coalesce(ended_at, $2), outcome = $3 where id = $1', [leaseId, now, outcome]);
}

export function isActive(lease: LeaseRow, now: Date): boolean {
  return lease.ended_at === null && new Date(lease.expires_at).getTime() > now.getTime();
}
