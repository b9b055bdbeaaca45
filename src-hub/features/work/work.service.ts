import type { Activity, CallLog, Message } from '../../../src-shared/contract/entities.schema';
import type { CreateActivityBody, CreateNoteBody, LogCallBody, NextActivity } from '../../../src-shared/contract/lead-work.schema';
import { ACTIVITY_TYPE_LABELS, VISIT_KIND_LABELS } from '../../../src-shared/domain/activity-kinds';
import { CALL_RESULT_LABELS } from '../../../src-shared/domain/call-results';
import { canReassign } from '../../../src-shared/domain/roles';
import type { Sql } from '../../db/database';
import { forbidden, notFound } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { recordChildChange } from '../changes/change-log';
import { insertMessage } from '../chatter/messages.repo';
import { visibleLead, workableLead } from '../leads/lead-access.service';
import { placeOf, type LeadRow } from '../leads/lead-row';
import { loadStages } from '../stages/stages.repo';
import { recordFirstCall } from '../leads/lead-writes.repo';
import { insertActivityRow, leadActivityRows, lockActivity, markActivityRowDone } from './activities.repo';
import { insertCallLog, leadCallRows } from './call-logs.repo';
import { once } from './client-requests';
import { toActivityDto, toCallLogDto } from './work-rows';

/** Log Call: the call log, its summary in the chatter, and the optional next activity, in one transaction. */
export async function logCall(hub: HubContext, user: AuthUser, leadId: string, body: LogCallBody): Promise<CallLog> {
  const { clientId, ...request } = body;
  return hub.db.transaction((tx) =>
    once(tx, user.id, clientId, `call:${leadId}`, request, async () => {
      const now = hub.clock.now();
      const lead = await workableLead(tx, user, await loadStages(tx), leadId, { open: true });
      const row = await insertCallLog(tx, { leadId: lead.id, userId: user.id, durationMin: request.durationMin, result: request.result, summary: request.summary }, now);
      await recordFirstCall(tx, lead.id, now);
      await recordChildChange(tx, 'call_log', row.id, lead.id, placeOf(lead));
      const heading = `Call — ${CALL_RESULT_LABELS[request.result]}, ${request.durationMin} min`;
      const text = request.summary.trim() ? `${heading}\n${request.summary.trim()}` : heading;
      await insertMessage(tx, { leadId: lead.id, kind: 'call', body: text, authorId: user.id }, placeOf(lead), now);
      if (request.nextActivity) await insertActivity(tx, lead, request.nextActivity, user, now);
      return toCallLogDto(row);
    }),
  );
}

/** Schedule an activity (Schedule Visit is one of type visit). Assigned to the lead's owner. */
export async function scheduleActivity(hub: HubContext, user: AuthUser, leadId: string, body: CreateActivityBody): Promise<Activity> {
  const { clientId, ...request } = body;
  return hub.db.transaction((tx) =>
    once(tx, user.id, clientId, `activity:${leadId}`, request, async () => {
      const lead = await workableLead(tx, user, await loadStages(tx), leadId, { open: true });
      return insertActivity(tx, lead, request, user, hub.clock.now());
    }),
  );
}

async function insertActivity(tx: Sql, lead: LeadRow, activity: NextActivity, author: AuthUser, now: Date): Promise<Activity> {
  const row = await insertActivityRow(tx, lead.id, lead.user_id ?? author.id, activity, now);
  await recordChildChange(tx, 'activity', row.id, lead.id, placeOf(lead));
  const what = activity.type === 'visit' && activity.visitKind ? `${VISIT_KIND_LABELS[activity.visitKind]} visit` : ACTIVITY_TYPE_LABELS[activity.type];
  // The due time as an ISO-8601 UTC instant, as every time crosses the hub's boundary: each desktop shows it in its own time zone.
  const body = `${what} scheduled for ${new Date(activity.dueAt).toISOString()}: ${activity.summary}`;
  await insertMessage(tx, { leadId: lead.id, kind: 'system', body, authorId: author.id }, placeOf(lead), now);
  return toActivityDto(row);
}

/** Mark an activity done: its assignee, or a supervisor or manager. */
export async function markActivityDone(hub: HubContext, user: AuthUser, activityId: string): Promise<Activity> {
  if (!/^\d{1,18}$/.test(activityId)) throw notFound('Activity');
  return hub.db.transaction(async (tx) => {
    const activity = await lockActivity(tx, activityId);
    if (!activity) throw notFound('Activity');
    let lead: LeadRow;
    try {
      lead = await visibleLead(tx, user, await loadStages(tx), activity.lead_id);
    } catch {
      throw notFound('Activity');
    }
    if (activity.user_id !== user.id && !canReassign(user.role)) throw forbidden('Only the activity\'s assignee, a supervisor or a manager can mark it done.');
    if (activity.done) return toActivityDto(activity);
    const row = await markActivityRowDone(tx, activityId, hub.clock.now());
    if (!row) throw notFound('Activity');
    await recordChildChange(tx, 'activity', row.id, row.lead_id, placeOf(lead));
    return toActivityDto(row);
  });
}

/** A note in the chatter: anyone who sees the lead, also on a closed lead. */
export async function addNote(hub: HubContext, user: AuthUser, leadId: string, body: CreateNoteBody): Promise<Message> {
  const { clientId, ...request } = body;
  return hub.db.transaction((tx) =>
    once(tx, user.id, clientId, `note:${leadId}`, request, async () => {
      const lead = await visibleLead(tx, user, await loadStages(tx), leadId, true);
      return insertMessage(tx, { leadId: lead.id, kind: 'note', body: request.body, authorId: user.id }, placeOf(lead), hub.clock.now());
    }),
  );
}

export async function leadCalls(sql: Sql, leadId: string): Promise<CallLog[]> {
  return (await leadCallRows(sql, leadId)).map(toCallLogDto);
}

export async function leadActivities(sql: Sql, leadId: string): Promise<Activity[]> {
  return (await leadActivityRows(sql, leadId)).map(toActivityDto);
}

