import type { Sql } from '../../db/database';

/** What sync and events need to know of a lead at one moment: who holds it and whether it is closed. */
export interface LeadPlace {
  userId: string | null;
  closed: boolean;
}

export const CHANGES_CHANNEL = 'crm_changes';

/** The NOTIFY payload: enough for each hub process to decide which connected users to wake. */
export interface ChangeNotice {
  /** Null for configuration changes, which every user sees. */
  leadId: string | null;
  /** Owners before and after (empty for pool leads and configuration). */
  users: string[];
  /** The lead was or is in the unclaimed pool, which every agent sees. */
  pool: boolean;
}

async function notify(tx: Sql, notice: ChangeNotice): Promise<void> {
  // NOTIFY is transactional: listeners hear it only once the change is committed.
  await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}

function leadNotice(leadId: string, places: Array<LeadPlace | null>): ChangeNotice {
  const users = new Set<string>();
  let pool = false;
  for (const place of places) {
    if (!place) continue;
    if (place.userId) users.add(place.userId);
    if (!place.userId && !place.closed) pool = true;
  }
  return { leadId, users: [...users], pool };
}

/** A lead was created (`before` null) or changed. Called inside the writing transaction. */
export async function recordLeadChange(tx: Sql, leadId: string, before: LeadPlace | null, after: LeadPlace): Promise<void> {
  await tx.query(
    `insert into changes (entity, entity_id, lead_id, old_user_id, old_closed, new_user_id, new_closed, existed)
     values ('lead', $1, $1, $2, $3, $4, $5, $6)`,
    [leadId, before?.userId ?? null, before?.closed ?? null, after.userId, after.closed, before !== null],
  );
  await notify(tx, leadNotice(leadId, [before, after]));
}

/** A message, call log or activity of a lead was created or changed. */
export async function recordChildChange(
  tx: Sql,
  entity: 'message' | 'call_log' | 'activity',
  entityId: string,
  leadId: string,
  place: LeadPlace,
): Promise<void> {
  await tx.query('insert into changes (entity, entity_id, lead_id) values ($1, $2, $3)', [entity, entityId, leadId]);
  await notify(tx, leadNotice(leadId, [place]));
}

/** Configuration every user syncs (stages, users, dealerships), or `reset` when replicas must be rebuilt. */
export async function recordGlobalChange(tx: Sql, entity: 'stage' | 'user' | 'dealership' | 'reset', entityId: string | null): Promise<void> {
  await tx.query('insert into changes (entity, entity_id) values ($1, $2)', [entity, entityId]);
  await notify(tx, { leadId: null, users: [], pool: true });
}
