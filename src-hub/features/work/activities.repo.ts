import type { NextActivity } from '../../../src-shared/contract/lead-work.schema';
import { one, type Sql } from '../../db/database';
import { ACTIVITY_COLUMNS, type ActivityRow } from './work-rows';

export async function insertActivityRow(sql: Sql, leadId: string, assigneeId: string, activity: NextActivity, now: Date): Promise<ActivityRow> {
  const row = await one<ActivityRow>(
    sql,
    `insert into activities as a (lead_id, user_id, type, summary, due_at, visit_kind, created_at) values ($1, $2, $3, $4, $5, $6, $7)
     returning ${ACTIVITY_COLUMNS}`,
    [leadId, assigneeId, activity.type, activity.summary, activity.dueAt, activity.visitKind ?? null, now],
  );
  if (!row) throw new Error('insert into activities returned nothing');
  return row;
}

/** The activity, locked until the transaction ends. */
export async function lockActivity(sql: Sql, activityId: string): Promise<ActivityRow | null> {
  return one<ActivityRow>(sql, `select ${ACTIVITY_COLUMNS} from activities a where a.id = $1 for update`, [activityId]);
}

export async function markActivityRowDone(sql: Sql, activityId: string, now: Date): Promise<ActivityRow | null> {
  return one<ActivityRow>(sql, `update activities a set done = true, done_at = $2 where a.id = $1 returning ${ACTIVITY_COLUMNS}`, [activityId, now]);
}

/** Marks the lead's open activities done; answers their ids. */
export async function completeOpenActivities(sql: Sql, leadId: string, now: Date): Promise<string[]> {
  return (await sql.query<{ id: string }>('update activities set done = true, done_at = $2 where lead_id = $1 and not done returning id', [leadId, now])).map((row) => row.id);
}

export async function leadActivityRows(sql: Sql, leadId: string): Promise<ActivityRow[]> {
  return sql.query<ActivityRow>(`select ${ACTIVITY_COLUMNS} from activities a where a.lead_id = $1 order by a.due_at, a.id`, [leadId]);
}
