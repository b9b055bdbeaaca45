import { canSeeLead, canWorkLead } from '../../../src-shared/domain/lead-access';
import type { Stage } from '../../../src-shared/domain/stages';
import { one, type Sql } from '../../db/database';
import { HubError, notFound } from '../../http/hub-error';
import type { AuthUser } from '../auth/auth-user';
import { LEAD_COLUMNS, type LeadRow } from './lead-row';

export async function selectLead(sql: Sql, leadId: string, lock = false): Promise<LeadRow | null> {
  if (!/^\d{1,18}$/.test(leadId)) return null;
  return one<LeadRow>(sql, `select ${LEAD_COLUMNS} from leads l where l.id = $1${lock ? ' for update' : ''}`, [leadId]);
}

const view = (row: LeadRow) => ({ userId: row.user_id, stageId: row.stage_id });

/** A lead the caller may see, or the 404 of a lead that does not exist (never a hint that it does). */
export async function visibleLead(sql: Sql, user: AuthUser, stages: readonly Stage[], leadId: string, lock = false): Promise<LeadRow> {
  const row = await selectLead(sql, leadId, lock);
  if (!row || !canSeeLead(user, stages, view(row))) throw notFound();
  return row;
}

export interface WorkNeeds {
  /** Refuse closed leads with 422 `lead_closed` (calls, activities, visits, stage moves, Won, Lost). */
  open: boolean;
}

/**
 * A lead the caller may work on (its owner, or a supervisor or manager), locked for the transaction:
 * 404 when invisible, 422 `lead_not_claimed` on an unclaimed lead, 422 `lead_closed` when it must be open.
 */
export async function workableLead(tx: Sql, user: AuthUser, stages: readonly Stage[], leadId: string, needs: WorkNeeds): Promise<LeadRow> {
  const row = await visibleLead(tx, user, stages, leadId, true);
  if (row.user_id === null) {
    if (row.closed) throw new HubError('lead_closed', 'This lead is closed (Won or Lost).');
    throw new HubError('lead_not_claimed', 'Claim this lead first: actions on an unclaimed lead are not allowed.');
  }
  if (!canWorkLead(user, view(row))) throw notFound();
  if (needs.open && row.closed) throw new HubError('lead_closed', 'This lead is closed (Won or Lost): it cannot be worked any more.');
  return row;
}

export function checkVersion(row: LeadRow, version: number | undefined): void {
  if (version !== undefined && Number(row.version) !== version) {
    throw new HubError('version_conflict', 'This lead was changed by someone else meanwhile. Refresh it and try again.');
  }
}

/** A running Won push holds the lead: no second push, stage move, Lost or reassignment meanwhile. */
export async function refuseWhileWonInProgress(tx: Sql, leadId: string, now: Date): Promise<void> {
  const lease = await one(tx, `select 1 from relay_leases where kind = 'won' and lead_id = $1 and ended_at is null and expires_at > $2`, [leadId, now]);
  if (lease) throw new HubError('won_in_progress', 'Mark as Won is in progress on this lead. Wait for it to finish.');
}
