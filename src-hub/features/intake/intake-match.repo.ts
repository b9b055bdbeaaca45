import type { CustomerKeys } from '../../../src-shared/domain/customer';
import { one, type Sql } from '../../db/database';
import { unknownReference } from '../../http/hub-error';
import { LEAD_COLUMNS, type LeadRow } from '../leads/lead-row';

/**
 * Serialises every intake or manual create that shares a key with this one: one transaction-scoped advisory
 * lock per key (hashed to a bigint), taken in hash order so two creates with overlapping keys cannot deadlock.
 * Held until commit, so the second of two simultaneous creates of one customer sees the first one's lead.
 */
export async function lockMatchKeys(tx: Sql, keys: readonly string[]): Promise<void> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  const ordered = await tx.query<{ key: string }>('select k as key from unnest($1::text[]) as k order by hashtextextended(k, 0)', [unique]);
  for (const { key } of ordered) await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

/** The lock names of a customer's normalised keys (prefixed: a phone and an e-mail never share a lock). */
export function customerLockKeys(keys: CustomerKeys): string[] {
  return [...(keys.phone ? [`intake:phone:${keys.phone}`] : []), ...(keys.email ? [`intake:email:${keys.email}`] : [])];
}

export const externalLockKey = (externalId: string): string => `intake:external:${externalId}`;

/** The lead an externalId already produced: created with it, or merged into. */
export async function findByExternalId(sql: Sql, externalId: string): Promise<{ id: string; ref: string } | null> {
  return one<{ id: string; ref: string }>(
    sql,
    `select l.id, l.ref from leads l where l.external_id = $1
     union all
     select l.id, l.ref from intake_merges m join leads l on l.id = m.lead_id where m.external_id = $1
     limit 1`,
    [externalId],
  );
}

export async function recordMergedExternalId(tx: Sql, externalId: string, leadId: string, now: Date): Promise<void> {
  await tx.query('insert into intake_merges (external_id, lead_id, created_at) values ($1, $2, $3)', [externalId, leadId, now]);
}

/**
 * The customer's open lead (the oldest when several match), locked so it cannot close meanwhile. Closed
 * leads (Won or Lost) never match: a returning customer gets a new lead.
 */
export async function findOpenLeadOf(tx: Sql, keys: CustomerKeys): Promise<LeadRow | null> {
  if (!keys.phone && !keys.email) return null;
  return one<LeadRow>(
    tx,
    `select ${LEAD_COLUMNS} from leads l
      where not l.closed and (l.phone_key = $1 or l.email_key = $2)
      order by l.created_at, l.id limit 1 for update`,
    [keys.phone, keys.email],
  );
}

/**
 * The dealership of a new lead: the one named by `dealershipCode` (422 `unknown_reference` when there is none), else the only
 * one carrying the brand, else none (several or no dealerships carry it; the lead can be edited later).
 */
export async function resolveDealership(sql: Sql, brand: string, dealershipCode: string | undefined): Promise<string | null> {
  if (dealershipCode !== undefined) {
    const found = await one<{ id: string }>(sql, 'select d.id from dealerships d where lower(d.code) = lower($1)', [dealershipCode]);
    if (!found) throw unknownReference('dealershipCode', `no dealership has the code "${dealershipCode}".`);
    return found.id;
  }
  const carriers = await sql.query<{ id: string }>(
    'select d.id from dealerships d where exists (select 1 from unnest(d.brands) as b where lower(b) = lower($1)) limit 2',
    [brand],
  );
  return carriers.length === 1 ? (carriers[0]?.id ?? null) : null;
}
