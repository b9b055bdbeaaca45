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
/** A time the contract allows (UTC, `…Z`): the only kind a range is split on; anything else is scanned whole. */
export const UTC_TIME = /^\d{4}-\d{2}-\d{2}T.*Z$/;
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

const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string): string => {
  const date = new Date(`${monthOf(day)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
};

/** Splits whole days `[from, to)` into whole UTC months (`YYYY-MM-01`) and the days left at either end. */
export function splitDays(days: { from?: string; to?: string }): { months: { from?: string; to?: string } | null; days: Array<{ from?: string; to?: string }> } {
  const { from, to } = days;
  const firstMonth = from === undefined ? undefined : from === monthOf(from) ? from : nextMonth(from);
  const endMonth = to === undefined ? undefined : monthOf(to);
  if (firstMonth !== undefined && endMonth !== undefined && firstMonth >= endMonth) return { months: null, days: [{ from, to }] };
  const rest: Array<{ from?: string; to?: string }> = [];
  if (from !== undefined && firstMonth !== undefined && firstMonth !== from) rest.push({ from, to: firstMonth });
  if (to !== undefined && endMonth !== undefined && endMonth !== to) rest.push({ from: endMonth, to });
  return { months: { from: firstMonth, to: endMonth }, days: rest };
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
  const summary = (table: string, column: 'day' | 'month', range: { from?: string; to?: string }) => {
    const where: string[] = [];
    if (range.from) where.push(`${column} >= ${add(range.from)}::date`);
    if (range.to) where.push(`${column} < ${add(range.to)}::date`);
    if (brand) where.push(`brand = ${brand}`);
    parts.push(`select ${key.join(', ')}, leads::bigint as leads from ${table}${where.length ? ` where ${where.join(' and ')}` : ''}`);
  };
  if (split.days && by === 'stage') summary('report_lead_days', 'day', split.days);
  if (split.days && by === 'agent') {
    // an agent has a row per day, brand, stage: a long range reads whole months from the monthly table
    const months = splitDays(split.days);
    if (months.months) summary('report_agent_months', 'month', months.months);
    for (const days of months.days) summary('report_agent_days', 'day', days);
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
