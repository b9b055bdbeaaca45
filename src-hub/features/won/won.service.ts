import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { WonFailBody, WonPrepareResponse } from '../../../src-shared/contract/won.schema';
import { findStage, wonStage } from '../../../src-shared/domain/stages';
import type { Sql } from '../../db/database';
import { HubError, notFound } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { recordLeadChange } from '../changes/change-log';
import { insertMessage } from '../chatter/messages.repo';
import { toDealershipDto } from '../config/dealerships.repo';
import { workableLead } from '../leads/lead-access.service';
import { LEAD_COLUMNS, placeOf, toLeadDto, type LeadRow } from '../leads/lead-row';
import { requireConnection, selectDealership } from '../relay/dealer-connection';
import { endLease, insertLease, isActive, openWonLease, selectLease, type LeaseRow } from '../relay/relay-leases.repo';
import { loadStages } from '../stages/stages.repo';
import { foreignPushMessage, noWonStageMessage, noDealershipMessage, wonFailedMessage, wonInProgressMessage } from './won-messages';

/**
 * Won step 1 (DESIGN.md §5): checks the lead and its dealership, then takes the per-lead lease whose id (the
 * push id) opens the dealer relay for this lead's dealership until `wonLeaseMs` passes.
 */
export async function prepareWon(hub: HubContext, user: AuthUser, leadId: string): Promise<WonPrepareResponse> {
  const prepared = await hub.db.transaction(async (tx) => {
    const now = hub.clock.now();
    const stages = await loadStages(tx);
    const row = await workableLead(tx, user, stages, leadId, { open: true });
    if (!wonStage(stages)) throw new HubError('no_won_stage_configured', noWonStageMessage(user.role));
    const dealership = row.dealership_id ? await selectDealership(tx, row.dealership_id) : null;
    if (!dealership) throw new HubError('dealership_not_configured', noDealershipMessage(row.ref));
    requireConnection(dealership);
    const held = await openWonLease(tx, row.id);
    if (held && isActive(held, now)) throw new HubError('won_in_progress', wonInProgressMessage(new Date(held.expires_at), now));
    // A lapsed lease still holds the unique index; it ends here so the new push can start.
    if (held) await endLease(tx, held.id, 'expired', now);
    const lease = await insertLease(tx, { kind: 'won', leadId: row.id, dealershipId: dealership.id, userId: user.id, now, ttlMs: hub.config.wonLeaseMs });
    return { pushId: lease.id, orderRef: row.ref, dealership: toDealershipDto(dealership), lead: toLeadDto(row) };
  });
  hub.metrics.wonPushes.inc({ outcome: 'started' });
  return prepared;
}

/** The push's lease, locked: it must be a won lease of this very lead (a foreign or made-up id is a 409). */
export async function pushLease(tx: Sql, pushId: string, lead: Pick<LeadRow, 'id' | 'ref'>): Promise<LeaseRow> {
  const lease = await selectLease(tx, pushId, true);
  if (!lease || lease.kind !== 'won' || lease.lead_id !== lead.id) throw new HubError('version_conflict', foreignPushMessage(lead.ref));
  return lease;
}

/**
 * Won step 4: a failure before confirm. The error goes to the chatter with what to do, the lease ends, the
 * lead stays where it was. A repeated report, or one arriving after the push was confirmed, changes nothing.
 */
export async function failWon(hub: HubContext, user: AuthUser, leadId: string, body: WonFailBody): Promise<Lead> {
  let ended = false;
  const lead = await hub.db.transaction(async (tx) => {
    ended = false;
    const now = hub.clock.now();
    const stages = await loadStages(tx);
    const row = await workableLead(tx, user, stages, leadId, { open: false });
    const lease = await pushLease(tx, body.pushId, row);
    if (lease.outcome === 'confirmed' || lease.outcome === 'failed') return toLeadDto(row);
    const dealership = await selectDealership(tx, lease.dealership_id);
    const stageName = findStage(stages, row.stage_id)?.name ?? 'its stage';
    const text = wonFailedMessage(body.error, stageName, dealership?.name ?? `#${lease.dealership_id}`);
    await insertMessage(tx, { leadId: row.id, kind: 'error', body: text, authorId: user.id }, placeOf(row), now);
    await endLease(tx, lease.id, 'failed', now);
    // The lead now waits on the dealer: it joins the failed-push work list (All Leads, Floor Reports, Home).
    const [failed] = await tx.query<LeadRow>(
      `update leads l set won_failed_at = $2, won_failed_error = $3, won_failed_by = $4, updated_at = $2, version = version + 1
        where l.id = $1 returning ${LEAD_COLUMNS}`,
      [row.id, now, `${body.error.message} (${body.error.code})`, user.id],
    );
    if (!failed) throw notFound();
    await recordLeadChange(tx, row.id, placeOf(row), placeOf(failed));
    ended = true;
    return toLeadDto(failed);
  });
  // counted once committed, and once per push: a repeated report changes nothing
  if (ended) hub.metrics.wonPushes.inc({ outcome: 'failed' });
  return lead;
}
