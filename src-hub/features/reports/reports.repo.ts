import type { AgentsReport, BrandsReport, FunnelReport, LostReasonsReport, ReportQuery } from '../../../src-shared/contract/reports.schema';
import { LOST_REASONS, isLostReason, type LostReason } from '../../../src-shared/domain/lost-reasons';
import type { Sql } from '../../db/database';
import { loadStages } from '../stages/stages.repo';
import { conversionRate, countOf, leadRangeFilters, whereClause } from './report-filters';

// The reports over leads created in the range. Each figure is one GROUP BY in PostgreSQL; only the
// aggregated rows (a few per stage, agent or brand) come back to the hub.

/** Leads per current stage; every stage listed, by sequence, the ones without leads as 0. */
export async function funnelReport(sql: Sql, query: ReportQuery): Promise<FunnelReport> {
  const params: unknown[] = [];
  const where = leadRangeFilters(query, params);
  const [stages, rows] = await Promise.all([
    loadStages(sql),
    sql.query<{ stage_id: string; leads: string }>(`select l.stage_id, count(*) as leads from leads l ${whereClause(where)} group by l.stage_id`, params),
  ]);
  const counts = new Map(rows.map((row) => [row.stage_id, countOf(row.leads)]));
  return stages.map((stage) => ({ stageId: stage.id, stageName: stage.name, isWon: stage.isWon, isLost: stage.isLost, leads: counts.get(stage.id) ?? 0 }));
}

interface ConversionRow extends Record<string, unknown> {
  leads: string;
  open: string;
  won: string;
  lost: string;
}

/** Open, won and lost counts of a group; `closed` is denormalised on the lead, won/lost come from its stage. */
const CONVERSION_COLUMNS = `count(*) as leads,
  count(*) filter (where not l.closed) as open,
  count(*) filter (where s.is_won) as won,
  count(*) filter (where s.is_lost) as lost`;

function conversionOf(row: ConversionRow): { leads: number; open: number; won: number; lost: number; conversionRate: number | null } {
  const won = countOf(row.won);
  const lost = countOf(row.lost);
  return { leads: countOf(row.leads), open: countOf(row.open), won, lost, conversionRate: conversionRate(won, lost) };
}

/** Conversion per current assignee; unclaimed leads and users without a lead in the range are left out. */
export async function agentsReport(sql: Sql, query: ReportQuery): Promise<AgentsReport> {
  const params: unknown[] = [];
  const where = ['l.user_id is not null', ...leadRangeFilters(query, params)];
  const rows = await sql.query<ConversionRow & { user_id: string; name: string; active: boolean }>(
    `select u.id as user_id, u.name, u.active, c.leads, c.open, c.won, c.lost
       from (select l.user_id, ${CONVERSION_COLUMNS}
               from leads l join stages s on s.id = l.stage_id
               ${whereClause(where)}
              group by l.user_id) c
       join users u on u.id = c.user_id
      order by u.name, u.id`,
    params,
  );
  return rows.map((row) => ({ userId: row.user_id, name: row.name, active: row.active, ...conversionOf(row) }));
}

/** Conversion per brand. */
export async function brandsReport(sql: Sql, query: ReportQuery): Promise<BrandsReport> {
  const params: unknown[] = [];
  const where = leadRangeFilters(query, params);
  const rows = await sql.query<ConversionRow & { brand: string }>(
    `select l.brand, ${CONVERSION_COLUMNS}
       from leads l join stages s on s.id = l.stage_id
       ${whereClause(where)}
      group by l.brand
      order by l.brand`,
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
  const where = leadRangeFilters(query, params);
  const rows = await sql.query<{ reason: string | null; leads: string }>(
    `select l.lost_reason as reason, count(*) as leads
       from leads l join stages s on s.id = l.stage_id and s.is_lost
       ${whereClause(where)}
      group by l.lost_reason`,
    params,
  );
  const counts = new Map<LostReason, number>(LOST_REASONS.map((reason) => [reason, 0]));
  for (const row of rows) {
    const reason: LostReason = isLostReason(row.reason) ? row.reason : 'other';
    counts.set(reason, (counts.get(reason) ?? 0) + countOf(row.leads));
  }
  return LOST_REASONS.map((reason) => ({ reason, leads: counts.get(reason) ?? 0 }));
}
