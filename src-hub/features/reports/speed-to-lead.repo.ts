import type { ReportQuery, SpeedToLeadReport } from '../../../src-shared/contract/reports.schema';
import type { Sql } from '../../db/database';
import { countOf, leadRangeFilters, whereClause } from './report-filters';

interface Row extends Record<string, unknown> {
  dimension: 'overall' | 'brand' | 'source' | 'agent';
  key: string | null;
  label: string | null;
  leads: string;
  claimed: string;
  claim_median: number | null;
  claim_p90: number | null;
  called: string;
  call_median: number | null;
  call_p90: number | null;
}

// GREATEST ignores NULL in PostgreSQL: a lead never claimed must stay NULL (left out), not count as 0 minutes.
const TO_CLAIM = 'case when l.first_claimed_at is null then null else greatest(extract(epoch from (l.first_claimed_at - l.created_at)) / 60, 0) end';
const TO_CALL = 'case when l.first_call_at is null then null else greatest(extract(epoch from (l.first_call_at - l.created_at)) / 60, 0) end';

/**
 * Speed to lead over leads created in the range: one pass with grouping sets (overall, brand, source, first
 * claimer), percentiles over each lead's own durations. A clock running behind (a duration below 0) counts as 0.
 */
export async function speedToLeadReport(sql: Sql, query: ReportQuery): Promise<SpeedToLeadReport> {
  const params: unknown[] = [];
  const where = leadRangeFilters(query, params);
  const rows = await sql.query<Row>(
    `select case when grouping(l.brand) = 0 then 'brand' when grouping(l.source) = 0 then 'source'
                 when grouping(l.first_claimed_by) = 0 then 'agent' else 'overall' end as dimension,
            coalesce(l.brand, l.source, l.first_claimed_by::text) as key,
            coalesce(l.brand, l.source, max(u.name)) as label,
            count(*) as leads,
            count(l.first_claimed_at) as claimed,
            percentile_cont(0.5) within group (order by ${TO_CLAIM}) as claim_median,
            percentile_cont(0.9) within group (order by ${TO_CLAIM}) as claim_p90,
            count(l.first_call_at) as called,
            percentile_cont(0.5) within group (order by ${TO_CALL}) as call_median,
            percentile_cont(0.9) within group (order by ${TO_CALL}) as call_p90
       from leads l left join users u on u.id = l.first_claimed_by
      ${whereClause(where)}
      group by grouping sets ((), (l.brand), (l.source), (l.first_claimed_by))`,
    params,
  );
  const stats = (row: Row) => ({
    toClaim: { leads: countOf(row.claimed), medianMinutes: minutes(row.claim_median), p90Minutes: minutes(row.claim_p90) },
    toFirstCall: { leads: countOf(row.called), medianMinutes: minutes(row.call_median), p90Minutes: minutes(row.call_p90) },
  });
  const overall = rows.find((row) => row.dimension === 'overall');
  return {
    overall: overall ? { leads: countOf(overall.leads), ...stats(overall) } : { leads: 0, ...stats(emptyRow()) },
    groups: rows
      // the agent group of leads nobody has claimed yet is not an agent
      .filter((row): row is Row & { dimension: 'brand' | 'source' | 'agent'; key: string } => row.dimension !== 'overall' && row.key !== null)
      .map((row) => ({ dimension: row.dimension, key: row.key, label: row.label ?? row.key, leads: countOf(row.leads), ...stats(row) }))
      .sort((a, b) => a.dimension.localeCompare(b.dimension) || b.leads - a.leads || a.label.localeCompare(b.label)),
  };
}

/** Minutes to one decimal; percentile_cont over no value (nobody claimed) is null. */
function minutes(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 10) / 10;
}

function emptyRow(): Row {
  return { dimension: 'overall', key: null, label: null, leads: '0', claimed: '0', claim_median: null, claim_p90: null, called: '0', call_median: null, call_p90: null };
}
