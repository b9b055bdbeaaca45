import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { WonConfirmBody } from '../../../src-shared/contract/won.schema';
import { findStage, wonStage } from '../../../src-shared/domain/stages';
import type { Sql } from '../../db/database';
import { HubError } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { insertMessage } from '../chatter/messages.repo';
import type { DealershipRow } from '../config/dealerships.repo';
import { selectLead, workableLead } from '../leads/lead-access.service';
import { placeOf, toLeadDto, type LeadRow } from '../leads/lead-row';
import { userName } from '../leads/lead-users.repo';
import { closeOpenActivities, setStage } from '../leads/stage.service';
import { mailDeliveryOf } from '../mail/mail-config';
import { queueMail } from '../mail/mail-outbox.repo';
import { wonManagerMail } from '../mail/mail-templates';
import { selectDealership } from '../relay/dealer-connection';
import { endLease, isActive, openWonLease, selectLease } from '../relay/relay-leases.repo';
import { loadStagesForMove } from '../stages/stages.repo';
import { closedMeanwhileMessage, mailerNotConfiguredMessage, noWonStageMessage, noManagerEmailMessage, soCreatedMessage, wonInProgressMessage } from './won-messages';
import { pushLease } from './won.service';

/**
 * Won step 3: the order exists on the dealer, so the lead moves to the (first) won stage with its
 * `dealerSoName`, the lease ends, open activities are done and the dealership manager's e-mail is queued.
 *
 * Idempotent per push id: a repeat answers the lead, also after the lease ended. A confirm whose lease has
 * lapsed (or was ended by a failure report or by a later prepare) is still accepted while the lead is open
 * and no other push holds it: the dealer's order exists and must not be lost. While another push is running
 * it is refused with `won_in_progress` (that push finds the same order by the lead reference and confirms it).
 */
export async function confirmWon(hub: HubContext, user: AuthUser, leadId: string, body: WonConfirmBody): Promise<Lead> {
  let confirmed = false;
  const lead = await hub.db.transaction(async (tx) => {
    confirmed = false;
    const now = hub.clock.now();
    const repeated = await repeatedConfirm(tx, user, leadId, body.pushId);
    if (repeated) return repeated;
    const stages = await loadStagesForMove(tx);
    const row = await workableLead(tx, user, stages, leadId, { open: false });
    const lease = await pushLease(tx, body.pushId, row);
    const dealership = await selectDealership(tx, lease.dealership_id);
    const dealershipName = dealership?.name ?? `#${lease.dealership_id}`;
    if (lease.outcome === 'confirmed') return toLeadDto(row);
    if (row.closed) {
      if (row.dealer_so_name !== body.soName) throw new HubError('lead_closed', closedMeanwhileMessage(row.ref, body.soName, dealershipName));
      await endLease(tx, lease.id, 'confirmed', now);
      confirmed = true;
      return toLeadDto(row);
    }
    const other = await openWonLease(tx, row.id);
    if (other && other.id !== lease.id) {
      if (isActive(other, now)) throw new HubError('won_in_progress', wonInProgressMessage(new Date(other.expires_at), now));
      await endLease(tx, other.id, 'expired', now);
    }
    const target = wonStage(stages);
    if (!target) throw new HubError('no_won_stage_configured', noWonStageMessage(user.role));

    await tx.query('update leads set dealer_so_name = $2, won_failed_at = null, won_failed_error = null, won_failed_by = null where id = $1', [row.id, body.soName]);
    const won = await setStage(tx, user, row, findStage(stages, row.stage_id)?.name ?? '(unknown)', target.name, target.id, true, now);
    await endLease(tx, lease.id, 'confirmed', now);
    confirmed = true;
    await insertMessage(tx, { leadId: row.id, kind: 'system', body: soCreatedMessage(body.soName, dealershipName), authorId: null }, placeOf(won), now);
    await closeOpenActivities(tx, row.id, placeOf(won), now);
    await notifyManager(tx, hub, won, dealership, body.soName, now);
    return toLeadDto(won);
  });
  // counted once committed, and once per push: a repeated confirm answers the lead without counting
  if (confirmed) hub.metrics.wonPushes.inc({ outcome: 'confirmed' });
  return lead;
}

/** A repeat by the push's own user answers the lead even if it has since left their view (reassigned after Won). */
async function repeatedConfirm(tx: Sql, user: AuthUser, leadId: string, pushId: string): Promise<Lead | null> {
  const lease = await selectLease(tx, pushId);
  if (!lease || lease.outcome !== 'confirmed' || lease.lead_id !== leadId || lease.user_id !== user.id) return null;
  const row = await selectLead(tx, leadId);
  return row ? toLeadDto(row) : null;
}

/**
 * The dealership manager's e-mail, queued in this transaction (sent by the mail worker with retries). What
 * keeps it from reaching the manager is written to the chatter; it never undoes the sale.
 */
async function notifyManager(tx: Sql, hub: HubContext, lead: LeadRow, dealership: DealershipRow | null, soName: string, now: Date): Promise<void> {
  const name = dealership?.name ?? 'the dealership';
  const note = (text: string) => insertMessage(tx, { leadId: lead.id, kind: 'system', body: text, authorId: null }, placeOf(lead), now);
  if (!dealership?.manager_email) {
    await note(noManagerEmailMessage(name));
    return;
  }
  const mail = wonManagerMail({
    leadRef: lead.ref,
    customerName: lead.customer_name,
    customerPhone: lead.customer_phone,
    customerEmail: lead.customer_email,
    vehicleModel: lead.vehicle_model,
    brand: lead.brand,
    soName,
    dealershipName: name,
    agentName: (await userName(tx, lead.user_id)) ?? '(unassigned)',
  });
  await queueMail(tx, { ...mail, kind: 'won_manager', leadId: lead.id, to: dealership.manager_email }, now);
  if (mailDeliveryOf(hub.config) === 'none') await note(mailerNotConfiguredMessage(dealership.manager_email));
}
