import type { AgentsReport, BrandsReport, FunnelReport, LostReasonsReport, ReportQuery } from '../../../src-shared/contract/reports.schema';
import { LOST_REASONS, isLostReason, type LostReason } from '../../../src-shared/domain/lost-reasons';
import type { Sql } from '../../db/database';
import { loadStages } from '../stages/stages.repo';
import { conversionRate, countOf } from './report-filters';
import { leadCountsSql } from './report-summary';

// The reports over leads created in the range. Each figure is one GROUP BY in PostgreSQL over lead counts:
// the per-day summary for whole days, leads themselves for the partial days at the range's edges
// (report-summary.ts); only the aggregated rows (a few per stage, agent or brand) come back to the hub.

/** Leads per current stage; every stage listed, by sequence, the ones without leads as 0. */
export async function funnelReport(sql: Sql, query: ReportQuery): Promise<FunnelReport> {
  const params: unknown[] = [];
  const counts = leadCountsSql(query, params, 'stage');
  const [stages, rows] = await Promise.all([
    loadStages(sql),
    sql.query<{ stage_id: string; leads: string }>(`select c.stage_id, sum(c.leads) as leads from ${counts} c group by c.stage_id`, params),
  ]);
  const byStage = new Map(rows.map((row) => [row.stage_id, countOf(row.leads)]));
  return stages.map((stage) => ({ stageId: stage.id, stageName: stage.name, isWon: stage.isWon, isLost: stage.isLost, leads: byStage.get(stage.id) ?? 0 }));
}

interface ConversionRow extends Record<string, unknown> {
  leads: string;
  open: string;
  won: string;
  lost: string;
}

/** Open, won and lost counts of a group; `closed` is denormalised on the lead, won/lost come from its stage now. */
const CONVERSION_COLUMNS = `sum(c.leads) as leads,
  coalesce(sum(c.leads) filter (where not c.closed), 0) as open,
  coalesce(sum(c.leads) filter (where s.is_won), 0) as won,
  coalesce(sum(c.leads) filter (where s.is_lost), 0) as lost`;

function conversionOf(row: ConversionRow): { leads: number; open: number; won: number; lost: number; conversionRate: number | null } {
  const won = countOf(row.won);
  const lost = countOf(row.lost);
  return { leads: countOf(row.leads), open: countOf(row.open), won, lost, conversionRate: conversionRate(won, lost) };
}

/** Conversion per current assignee; unclaimed leads and users without a lead in the range are left out. */
export async function agentsReport(sql: Sql, query: ReportQuery): Promise<AgentsReport> {
  const params: unknown[] = [];
  const counts = leadCountsSql(query, params, 'agent');
  const rows = await sql.query<ConversionRow & { user_id: string; name: string; active: boolean }>(
    `select u.id as user_id, u.name, u.active, g.leads, g.open, g.won, g.lost
       from (select c.user_id, ${CONVERSION_COLUMNS}
               from ${counts} c join stages s on s.id = c.stage_id
              group by c.user_id
             having sum(c.leads) > 0) g
       join users u on u.id = g.user_id
      order by u.name, u.id`,
    params,
  );
  return rows.map((row) => ({ userId: row.user_id, name: row.name, active: row.active, ...conversionOf(row) }));
}

/** Conversion per brand (brands without a lead in the range are left out). */
export async function brandsReport(sql: Sql, query: ReportQuery): Promise<BrandsReport> {
  const params: unknown[] = [];
  const counts = leadCountsSql(query, params, 'stage');
  const rows = await sql.query<ConversionRow & { brand: string }>(
    `select c.brand, ${CONVERSION_COLUMNS}
       from ${counts} c join stages s on s.id = c.stage_id
      group by c.brand
     having sum(c.leads) > 0
      order by c.brand`,
    params,
  );
  return rows.map((row) => ({ brand: row.brand, ...conversionOf(row) }));
}

/**
 * Leads now in a lost stage, per reason; every reason listed. A lead an administrator moved to Lost has no
 * reason: it counts as `other`, so the reasons add up to the funnel's lost leads.
 */
export async function lostReasonsReport(sql: Sql, query: ReportQuery): Promise<LostReasonsReport> {
  const params: unknown[] = [];
  const counts = leadCountsSql(query, params, 'stage');
  const rows = await sql.query<{ reason: string; leads: string }>(
    `select c.lost_reason as reason, sum(c.leads) as leads
       from ${counts} c join stages s on s.id = c.stage_id and s.is_lost
      group by c.lost_reason`,
    params,
  );
  const byReason = new Map<LostReason, number>(LOST_REASONS.map((reason) => [reason, 0]));
  for (const row of rows) {
    const reason: LostReason = isLostReason(row.reason) ? row.reason : 'other';
    byReason.set(reason, (byReason.get(reason) ?? 0) + countOf(row.leads));
  }
  return LOST_REASONS.map((reason) => ({ reason, leads: byReason.get(reason) ?? 0 }));
}
