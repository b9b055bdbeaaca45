import type { ReportQuery } from '../../../src-shared/contract/reports.schema';
import { paramAdder } from './report-filters';

/**
 * The reports over leads read the per-day summary (migration 8) for the whole UTC days inside [from, to) and
 * scan leads only for the partial days at its edges (index `leads_created` / `leads_brand`): at most two days
 * of leads, whatever the range, so a report costs the same over a week or over years of history.
 */
export interface RangeSplit {
  /** Whole UTC days `[from, to)` (`YYYY-MM-DD`, either open), or null when the range holds no whole day. */
  days: { from?: string; to?: string } | null;
  /** Time ranges `[from, to)` scanned from leads. */
  edges: Array<{ from?: string; to?: string }>;
}

const MIDNIGHT = /^\d{4}-\d{2}-\d{2}T00:00:00(\.0*)?Z$/;
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T.*Z$/;
const DAY_MS = 86_400_000;

const dayOf = (time: string): string => time.slice(0, 10);
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const startOf = (day: string): string => `${day}T00:00:00Z`;

/** Splits a report's range into whole UTC days (the summary) and the partial days at its edges (scanned). */
export function splitRange(query: Pick<ReportQuery, 'from' | 'to'>): RangeSplit {
  const { from, to } = query;
  // the contract allows UTC times only; anything else is scanned whole rather than guessed at
  if ((from && !UTC_TIME.test(from)) || (to && !UTC_TIME.test(to))) return { days: null, edges: [{ from, to }] };
  const firstDay = from === undefined ? undefined : MIDNIGHT.test(from) ? dayOf(from) : nextDay(dayOf(from));
  const endDay = to === undefined ? undefined : dayOf(to);
  if (firstDay !== undefined && endDay !== undefined && firstDay >= endDay) return { days: null, edges: [{ from, to }] };
  const edges: RangeSplit['edges'] = [];
  if (from !== undefined && firstDay !== undefined && !MIDNIGHT.test(from)) edges.push({ from, to: startOf(firstDay) });
  if (to !== undefined && endDay !== undefined && !MIDNIGHT.test(to)) edges.push({ from: startOf(endDay), to });
  return { days: { from: firstDay, to: endDay }, edges };
}

/** Columns every lead-count source answers: one row per group with its `leads`. */
const LEAD_KEY = ['brand', 'stage_id', 'closed', 'lost_reason'] as const;
const AGENT_KEY = ['brand', 'user_id', 'stage_id', 'closed'] as const;

/**
 * A subquery of lead counts over the report's range and brand, one row per (brand, stage_id, closed,
 * lost_reason — '' for none) with `leads`, or per (brand, user_id, stage_id, closed) for `agents` (assigned
 * leads only). Rows may repeat a group (summary days and edges): the reports sum them.
 */
export function leadCountsSql(query: Pick<ReportQuery, 'from' | 'to' | 'brand'>, params: unknown[], by: 'stage' | 'agent'): string {
  const add = paramAdder(params);
  const split = splitRange(query);
  const brand = query.brand === undefined ? undefined : add(query.brand);
  const key = by === 'stage' ? LEAD_KEY : AGENT_KEY;
  const parts: string[] = [];
  if (split.days) {
    const where: string[] = [];
    if (split.days.from) where.push(`day >= ${add(split.days.from)}::date`);
    if (split.days.to) where.push(`day < ${add(split.days.to)}::date`);
    if (brand) where.push(`brand = ${brand}`);
    const table = by === 'stage' ? 'report_lead_days' : 'report_agent_days';
    parts.push(`select ${key.join(', ')}, leads::bigint as leads from ${table}${where.length ? ` where ${where.join(' and ')}` : ''}`);
  }
  const scanned = key.map((column) => (column === 'lost_reason' ? `coalesce(l.lost_reason, '') as lost_reason` : `l.${column}`));
  for (const edge of split.edges) {
    const where: string[] = [];
    if (edge.from) where.push(`l.created_at >= ${add(edge.from)}`);
    if (edge.to) where.push(`l.created_at < ${add(edge.to)}`);
    if (brand) where.push(`l.brand = ${brand}`);
    if (by === 'agent') where.push('l.user_id is not null');
    parts.push(`select ${scanned.join(', ')}, count(*) as leads from leads l${where.length ? ` where ${where.join(' and ')}` : ''} group by ${key.map((_column, index) => index + 1).join(', ')}`);
  }
  return `(${parts.join(' union all ')})`;
}
