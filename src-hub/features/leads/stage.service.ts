import type { Lead } from '../../../src-shared/contract/entities.schema';
import { LOST_REASON_LABELS, type LostReason } from '../../../src-shared/domain/lost-reasons';
import { findStage, lostStage } from '../../../src-shared/domain/stages';
import { checkTransition } from '../../../src-shared/domain/transitions';
import type { Sql } from '../../db/database';
import { HubError, notFound, unknownReference } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { recordChildChange, recordLeadChange } from '../changes/change-log';
import { insertMessage, trackingBody } from '../chatter/messages.repo';
import { loadStagesForMove } from '../stages/stages.repo';
import { checkVersion, refuseWhileWonInProgress, workableLead } from './lead-access.service';
import { noLostStageMessage } from '../won/won-messages';
import { completeOpenActivities } from '../work/activities.repo';
import { placeOf, toLeadDto, type LeadRow } from './lead-row';
import { closeLeadAsLost, updateLeadStage } from './lead-writes.repo';

export const USE_WON_FLOW_MESSAGE = 'Use Mark as Won: moving a lead to Won pushes a Sales Order to the dealership.';
export const LOST_REASON_REQUIRED_MESSAGE = 'Lost Reason must be set: use Mark as Lost and choose a reason.';

/** Moves between open stages, one step forward only (the documents' rule, their text verbatim). */
export async function moveStage(hub: HubContext, user: AuthUser, leadId: string, stageId: string, version?: number): Promise<Lead> {
  return hub.db.transaction(async (tx) => {
    const now = hub.clock.now();
    const stages = await loadStagesForMove(tx);
    const row = await workableLead(tx, user, stages, leadId, { open: false });
    checkVersion(row, version);
    if (!findStage(stages, stageId)) throw unknownReference('stageId', `no stage ${stageId}.`);
    await refuseWhileWonInProgress(tx, row.id, now);
    const check = checkTransition(stages, row.stage_id, stageId);
    if (!check.ok) throw check.code === 'not_found' ? unknownReference('stageId', check.message) : new HubError(check.code, check.message);
    if (check.kind === 'won') throw new HubError('use_won_flow', USE_WON_FLOW_MESSAGE);
    if (check.kind === 'lost') throw new HubError('lost_reason_required', LOST_REASON_REQUIRED_MESSAGE);
    return toLeadDto(await setStage(tx, user, row, check.from.name, check.to.name, check.to.id, false, now));
  });
}

/** Mark as Lost: a reason from the closed list and notes; the lead goes to the (folded) Lost stage. No dealer push. */
export async function markLost(hub: HubContext, user: AuthUser, leadId: string, reason: LostReason | undefined, notes: string): Promise<Lead> {
  return hub.db.transaction(async (tx) => {
    const now = hub.clock.now();
    const stages = await loadStagesForMove(tx);
    const row = await workableLead(tx, user, stages, leadId, { open: true });
    if (!reason) throw new HubError('lost_reason_required', LOST_REASON_REQUIRED_MESSAGE);
    await refuseWhileWonInProgress(tx, row.id, now);
    const target = lostStage(stages);
    if (!target) throw new HubError('stage_transition_not_allowed', noLostStageMessage(user.role));
    const from = findStage(stages, row.stage_id);
    const updated = await closeLeadAsLost(tx, row.id, { stageId: target.id, reason, notes }, now);
    if (!updated) throw notFound();
    await recordLeadChange(tx, row.id, placeOf(row), placeOf(updated));
    // The notes are a tracked line too: the chatter shows a tracking entry's lines, not its body (the document:
    // the lead "gets a chatter entry with the reason and notes").
    const tracking = [
      { field: 'Stage', from: from?.name ?? null, to: target.name },
      { field: 'Lost Reason', from: null, to: LOST_REASON_LABELS[reason] },
      ...(notes.trim() ? [{ field: 'Lost Notes', from: null, to: notes.trim() }] : []),
    ];
    const body = `Marked as Lost. Reason: ${LOST_REASON_LABELS[reason]}.${notes.trim() ? `\nNotes: ${notes.trim()}` : ''}`;
    await insertMessage(tx, { leadId: row.id, kind: 'tracking', body, authorId: user.id, tracking }, placeOf(updated), now);
    await closeOpenActivities(tx, row.id, placeOf(updated), now);
    return toLeadDto(updated);
  });
}

/** Writes a stage change with its tracking entry. `closed` follows the target stage's flags. */
export async function setStage(
  tx: Sql,
  user: AuthUser | null,
  row: LeadRow,
  fromName: string,
  toName: string,
  toStageId: string,
  closed: boolean,
  now: Date,
  note?: string,
): Promise<LeadRow> {
  const updated = await updateLeadStage(tx, row.id, toStageId, closed, now);
  if (!updated) throw notFound();
  await recordLeadChange(tx, row.id, placeOf(row), placeOf(updated));
  const tracking = [{ field: 'Stage', from: fromName, to: toName }];
  const body = trackingBody(tracking) + (note ? `\n${note}` : '');
  await insertMessage(tx, { leadId: row.id, kind: 'tracking', body, authorId: user?.id ?? null, tracking }, placeOf(updated), now);
  return updated;
}

/** A closed lead needs no follow-up: its open activities are marked done so they leave Home. */
export async function closeOpenActivities(tx: Sql, leadId: string, place: { userId: string | null; closed: boolean }, now: Date): Promise<void> {
  for (const activityId of await completeOpenActivities(tx, leadId, now)) await recordChildChange(tx, 'activity', activityId, leadId, place);
}
