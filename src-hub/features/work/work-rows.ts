import type { Activity, CallLog } from '../../../src-shared/contract/entities.schema';
import type { ActivityType, VisitKind } from '../../../src-shared/domain/activity-kinds';
import type { CallResult } from '../../../src-shared/domain/call-results';
import { isoTime, type PgTime } from '../../db/pg-time';

export interface CallLogRow extends Record<string, unknown> {
  id: string;
  lead_id: string;
  user_id: string;
  duration_min: string | number;
  result: CallResult;
  summary: string;
  created_at: PgTime;
}

export const CALL_LOG_COLUMNS = 'c.id, c.lead_id, c.user_id, c.duration_min, c.result, c.summary, c.created_at';

export function toCallLogDto(row: CallLogRow): CallLog {
  return {
    id: row.id,
    leadId: row.lead_id,
    userId: row.user_id,
    durationMin: Number(row.duration_min),
    result: row.result,
    summary: row.summary,
    createdAt: isoTime(row.created_at),
  };
}

export interface ActivityRow extends Record<string, unknown> {
  id: string;
  lead_id: string;
  user_id: string;
  type: ActivityType;
  summary: string;
  due_at: PgTime;
  done: boolean;
  visit_kind: VisitKind | null;
}

export const ACTIVITY_COLUMNS = 'a.id, a.lead_id, a.user_id, a.type, a.summary, a.due_at, a.done, a.visit_kind';

export function toActivityDto(row: ActivityRow): Activity {
  return {
    id: row.id,
    leadId: row.lead_id,
    userId: row.user_id,
    type: row.type,
    summary: row.summary,
    dueAt: isoTime(row.due_at),
    done: row.done,
    ...(row.visit_kind ? { visitKind: row.visit_kind } : {}),
  };
}
