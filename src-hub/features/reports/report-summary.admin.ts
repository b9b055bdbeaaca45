import type { Database } from '../../db/database';

/**
 * `hub admin rebuild-report-summary`: every report summary (migrations 8, 10, 11 and 13) recounted from leads and call
 * logs in one transaction, then vacuumed and analyzed. Writers of leads and calls wait for it (SHARE locks), readers do not; the reports
 * never see a half-built summary. For a summary that went wrong (a restore of an old copy of one table, a hand
 * edit): the triggers keep it right otherwise.
 */
export async function rebuildReportSummary(db: Database): Promise<{ dayRows: number; agentDayRows: number; speedRows: number; callDayRows: number }> {
  const rebuilt = await db.transaction(async (tx) => {
    await tx.query('lock table leads, call_logs in share mode');
    await tx.query('delete from report_lead_days');
    await tx.query('delete from report_agent_days');
    await tx.query('delete from report_agent_months');
    const [days] = await tx.query<{ rows: number }>(
      `with inserted as (insert into report_lead_days (day, brand, stage_id, closed, lost_reason, leads)
       select (created_at at time zone 'UTC')::date, brand, stage_id, closed, coalesce(lost_reason, ''), count(*) from leads group by 1, 2, 3, 4, 5
       returning 1) select count(*)::int as rows from inserted`,
    );
    const [agentDays] = await tx.query<{ rows: number }>(
      `with inserted as (insert into report_agent_days (day, brand, user_id, stage_id, closed, leads)
       select (created_at at time zone 'UTC')::date, brand, user_id, stage_id, closed, count(*) from leads where user_id is not null group by 1, 2, 3, 4, 5
       returning 1) select count(*)::int as rows from inserted`,
    );
    await tx.query(
      `insert into report_agent_months (month, brand, user_id, stage_id, closed, leads)
       select date_trunc('month', day)::date, brand, user_id, stage_id, closed, sum(leads) from report_agent_days group by 1, 2, 3, 4, 5`,
    );
    // the counting itself lives in the schema (migrations 10 and 13), shared with the migrations that first filled them
    const [speed] = await tx.query<{ rows: number }>('select report_speed_refill() as rows');
    const [callDays] = await tx.query<{ rows: number }>('select report_calls_refill() as rows');
    return { dayRows: days?.rows ?? 0, agentDayRows: agentDays?.rows ?? 0, speedRows: speed?.rows ?? 0, callDayRows: callDays?.rows ?? 0 };
  });
  // Refilled tables are all new rows: until a vacuum marks their pages all-visible, an index-only read (the calls
  // report's running counts, migration 14) fetches every row from the table as well, and the planner's statistics
  // describe the old rows. Autovacuum would get there later; the reports are read from the moment this returns.
  await db.query(`vacuum (analyze) ${SUMMARY_TABLES.join(', ')}`);
  return rebuilt;
}

const SUMMARY_TABLES = ['report_lead_days', 'report_agent_days', 'report_agent_months', 'report_speed_counts', 'report_call_days', 'report_call_totals'];
