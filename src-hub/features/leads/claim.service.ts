import type { Lead } from '../../../src-shared/contract/entities.schema';
import { canReassign } from '../../../src-shared/domain/roles';
import { HubError, forbidden, notFound } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { notifyCommitted, recordChildChange, recordLeadChange } from '../changes/change-log';
import { insertMessage, trackingBody } from '../chatter/messages.repo';
import { loadStages } from '../stages/stages.repo';
import { claimBatchesOf } from './claim-batch';
import { checkVersion, refuseWhileWonInProgress, selectLead, visibleLead } from './lead-access.service';
import { LEAD_COLUMNS, placeOf, toLeadDto, type LeadRow } from './lead-row';
import type { ClaimOutcome } from '../metrics/hub-metrics';
import { activeUser, userName } from './lead-users.repo';

export const ASSIGNED_AGENT = 'Assigned Agent';

/**
 * Claim: one conditional UPDATE, so of any number of simultaneous claimers exactly one wins. The others learn
 * only that someone else holds it.
 */
export async function claimLead(hub: HubContext, user: AuthUser, leadId: string): Promise<Lead> {
  const counted = (outcome: ClaimOutcome) => hub.metrics.claims.inc({ outcome });
  if (!/^\d{1,18}$/.test(leadId)) {
    counted('not_found');
    throw notFound();
  }
  const tracking = [{ field: ASSIGNED_AGENT, from: null, to: user.name }];
  // The hot path of a busy floor: the claims of the moment share one prepared statement (claim-batch.ts); the
  // notification follows the commit, batched.
  const claimed = await claimBatchesOf(hub.db, hub.log).claim({
    leadId,
    userId: user.id,
    at: hub.clock.now(),
    body: trackingBody(tracking),
    tracking: JSON.stringify(tracking),
  });
  if (claimed) {
    // The lead left the pool for its new holder: the pool's agents and the holder are woken. The notice goes
    // with the next batch (a wake-up hint; the change log, already committed, is what sync reads): not waited for.
    void notifyCommitted(hub.db, hub.log, { leadId: claimed.id, users: [user.id], pool: true });
    counted('won');
    return toLeadDto(claimed);
  }
  const row = await selectLead(hub.db, leadId);
  if (!row) {
    counted('not_found');
    throw notFound();
  }
  if (row.user_id === user.id && !row.closed) {
    counted('already_mine');
    return toLeadDto(row);
  }
  if (row.user_id !== null && row.user_id !== user.id) {
    counted('already_claimed');
    throw new HubError('already_claimed', 'Someone else has already claimed this lead. It has left Open Leads.');
  }
  counted('closed');
  throw new HubError('lead_closed', row.user_id === user.id ? 'This lead is closed (Won or Lost).' : 'This lead is closed (Won or Lost) and cannot be claimed.');
}

/**
 * Supervisors and managers take over, reassign, or return an open lead to the pool. Open activities follow
 * the lead to its new owner. Conflicts are reported (`version`), never overwritten.
 */
export async function assignLead(hub: HubContext, user: AuthUser, leadId: string, targetId: string | null, version?: number): Promise<Lead> {
  if (!canReassign(user.role)) throw forbidden('Only supervisors and managers can reassign leads. Ask a supervisor.');
  return hub.db.transaction(async (tx) => {
    const now = hub.clock.now();
    const stages = await loadStages(tx);
    const row = await visibleLead(tx, user, stages, leadId, true);
    checkVersion(row, version);
    await refuseWhileWonInProgress(tx, row.id, now);
    if (targetId === null && row.closed) throw new HubError('lead_closed', 'A closed lead never returns to the pool.');
    const target = targetId === null ? null : await activeUser(tx, targetId);
    if (targetId !== null && !target) throw new HubError('invalid_assignee', 'Choose an active user: that user does not exist or is deactivated.');
    if ((target?.id ?? null) === row.user_id) return toLeadDto(row);

    const [updated] = await tx.query<LeadRow>(
      `update leads l set user_id = $2, claimed_at = case when $2::bigint is null then null else $3::timestamptz end,
         first_claimed_at = coalesce(l.first_claimed_at, case when $2::bigint is null then null else $3::timestamptz end),
         first_claimed_by = coalesce(l.first_claimed_by, $2::bigint),
         updated_at = $3, version = version + 1
        where l.id = $1 returning ${LEAD_COLUMNS}`,
      [row.id, target?.id ?? null, now],
    );
    if (!updated) throw notFound();
    await recordLeadChange(tx, row.id, placeOf(row), placeOf(updated));
    if (target) {
      const moved = await tx.query<{ id: string }>('update activities set user_id = $2 where lead_id = $1 and not done and user_id <> $2 returning id', [row.id, target.id]);
      for (const activity of moved) await recordChildChange(tx, 'activity', activity.id, row.id, placeOf(updated));
    }
    const tracking = [{ field: ASSIGNED_AGENT, from: await userName(tx, row.user_id), to: target?.name ?? null }];
    await insertMessage(tx, { leadId: row.id, kind: 'tracking', body: trackingBody(tracking), authorId: user.id, tracking }, placeOf(updated), now);
    return toLeadDto(updated);
  });
}
