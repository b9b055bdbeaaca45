import type { LostReason } from '../../../src-shared/domain/lost-reasons';
import { one, type Sql } from '../../db/database';
import { LEAD_COLUMNS, type LeadRow } from './lead-row';

/** A lead into a stage; `closed` follows the stage's flags (closed_at kept from an earlier close, cleared on reopen). */
export async function updateLeadStage(sql: Sql, leadId: string, stageId: string, closed: boolean, now: Date): Promise<LeadRow | null> {
  return one<LeadRow>(
    sql,
    `update leads l set stage_id = $2, closed = $3, closed_at = case when $3 then coalesce(l.closed_at, $4) else null end,
       updated_at = $4, version = version + 1
      where l.id = $1 returning ${LEAD_COLUMNS}`,
    [leadId, stageId, closed, now],
  );
}

/** A lead into the Lost stage with its reason and notes. */
export async function closeLeadAsLost(sql: Sql, leadId: string, lost: { stageId: string; reason: LostReason; notes: string }, now: Date): Promise<LeadRow | null> {
  return one<LeadRow>(
    sql,
    `update leads l set stage_id = $2, closed = true, closed_at = $3, lost_reason = $4, lost_notes = $5, updated_at = $3, version = version + 1
      where l.id = $1 returning ${LEAD_COLUMNS}`,
    [leadId, lost.stageId, now, lost.reason, lost.notes],
  );
}

/** Speed to lead: the first call's time stays with the lead (a report reads it, never the call history). */
export async function recordFirstCall(sql: Sql, leadId: string, now: Date): Promise<void> {
  await sql.query('update leads set first_call_at = $2 where id = $1 and first_call_at is null', [leadId, now]);
}
