import type { ReportQuery } from '../../../src-shared/contract/reports.schema';
import { UTC_TIME } from './report-summary';

/**
 * Speed to lead's range as pieces of counts (whole UTC years and months, migration 13) and time ranges scanned
 * from leads, each added or taken away (pure). Taking away is what keeps the scans short: a floor's month
 * (UTC+8: 16:00 on the last day before to 16:00 on its last day) is the UTC month's counts less the 8 hours
 * after it, not 30 days of leads; "last 30 days" is the current month's counts less the days not come yet. Each
 * partial month at an edge is scanned, or its month counted less the rest of it, whichever scans fewer days of
 * leads; so a range scans at most about a month of leads in all, whatever its length.
 *
 * The choice is priced in days of leads scanned, only over the days that hold leads (`LeadExtent`: the future and
 * the time before the first lead cost nothing to scan). Reading a month's or a year's counts costs about as much
 * as scanning a day of leads (measured at 1,000,000 leads: see PERIOD_READ_DAYS).
 */
export type Sign = 1 | -1;

/** Whole UTC years or months `[from, to)` of the counts, as their first days (`YYYY-MM-DD`), either end open. */
export interface CountedPiece {
  sign: Sign;
  period: 'year' | 'month';
  from?: string;
  to?: string;
}

/** A time range `[from, to)` of leads scanned, as the query's own times or month starts, either end open. */
export interface ScannedPiece {
  sign: Sign;
  from?: string;
  to?: string;
}

export interface SpeedPlan {
  counted: CountedPiece[];
  scanned: ScannedPiece[];
}

/** The first and last creation time (ms) of the leads the report may count, or null when there are none. */
export type LeadExtent = { first: number; last: number } | null;

/**
 * What reading one period's counts costs, in days of leads scanned. At 1,000,000 leads (2,880 a day) a month's
 * counts are about 350 rows of 1 KB for the report without a brand, and a year's about as many (a group's values
 * fill as many chunks in a month as in a year): a few milliseconds to read and decode, as a day of leads is to
 * scan (3 ms with its pages in memory, 8 ms without).
 */
const PERIOD_READ_DAYS = 1;
const DAY_MS = 86_400_000;

const MONTH_START = /^\d{4}-\d{2}-01T00:00:00(\.0*)?Z$/;

/** Months are counted as year × 12 + month − 1 (January 2026 is 24,312). */
const monthOfTime = (time: string): number => Number(time.slice(0, 4)) * 12 + Number(time.slice(5, 7)) - 1;
const firstDayOf = (month: number): string => `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01`;
const startOf = (month: number): string => `${firstDayOf(month)}T00:00:00Z`;
const msOf = (month: number): number => Date.UTC(Math.floor(month / 12), month % 12, 1);

/** Splits a report's range into counted periods and scanned times, signed, that add up to exactly the range. */
export function planSpeedRange(query: Pick<ReportQuery, 'from' | 'to'>, extent: LeadExtent): SpeedPlan {
  const { from, to } = query;
  const whole: SpeedPlan = { counted: [], scanned: [{ sign: 1, from, to }] };
  // the contract allows UTC times only, anything else is scanned whole rather than guessed at; and the years end
  // at 9999, so a range reaching into that year is scanned too (no month after it to name)
  if ((from && !UTC_TIME.test(from)) || (to && !UTC_TIME.test(to))) return whole;
  if (from?.startsWith('9999') || to?.startsWith('9999')) return whole;
  // no lead to count
  if (extent === null) return { counted: [], scanned: [] };
  const cost = costs(extent);
  const counted: CountedPiece[] = [];
  const scanned: ScannedPiece[] = [];
  const fromMonth = from === undefined ? undefined : monthOfTime(from);
  const toMonth = to === undefined ? undefined : monthOfTime(to);
  const fromInside = from !== undefined && !MONTH_START.test(from);
  const toInside = to !== undefined && !MONTH_START.test(to);

  // both ends inside one month: scan between them, or count the month less the rest of it
  if (from !== undefined && to !== undefined && fromInside && fromMonth === toMonth && fromMonth !== undefined) {
    const between = cost.scan(Date.parse(from), Date.parse(to));
    const rest = cost.month(fromMonth) + cost.scan(msOf(fromMonth), Date.parse(from)) + cost.scan(Date.parse(to), msOf(fromMonth + 1));
    if (between <= rest) return withLeads(whole, extent);
    const month: CountedPiece = { sign: 1, period: 'month', from: firstDayOf(fromMonth), to: firstDayOf(fromMonth + 1) };
    const before: ScannedPiece = { sign: -1, from: startOf(fromMonth), to: from };
    return withLeads({ counted: [month], scanned: [before, { sign: -1, from: to, to: startOf(fromMonth + 1) }] }, extent);
  }

  // the partial month at each end: scanned, or its month counted whole less the part outside the range
  let firstWhole = fromMonth;
  if (from !== undefined && fromMonth !== undefined && fromInside) {
    const scanIn = cost.scan(Date.parse(from), msOf(fromMonth + 1));
    const scanOut = cost.month(fromMonth) + cost.scan(msOf(fromMonth), Date.parse(from));
    if (scanIn <= scanOut) {
      scanned.push({ sign: 1, from, to: startOf(fromMonth + 1) });
      firstWhole = fromMonth + 1;
    } else scanned.push({ sign: -1, from: startOf(fromMonth), to: from });
  }
  let endWhole = toMonth;
  if (to !== undefined && toMonth !== undefined && toInside) {
    const scanIn = cost.scan(msOf(toMonth), Date.parse(to));
    const scanOut = cost.month(toMonth) + cost.scan(Date.parse(to), msOf(toMonth + 1));
    if (scanIn <= scanOut) scanned.push({ sign: 1, from: startOf(toMonth), to });
    else {
      scanned.push({ sign: -1, from: to, to: startOf(toMonth + 1) });
      endWhole = toMonth + 1;
    }
  }
  counted.push(...wholeMonths(firstWhole, endWhole, cost));
  return withLeads({ counted, scanned }, extent);
}

/**
 * The plan without its pieces outside the leads' extent (the future taken away, the years before the first lead):
 * they hold no lead, so reading them changes nothing. A millisecond of margin either way, as bounds may be finer.
 */
function withLeads(plan: SpeedPlan, extent: NonNullable<LeadExtent>): SpeedPlan {
  const holds = (from: number, to: number) => from - 1 <= extent.last && to + 1 > extent.first;
  const day = (bound: string | undefined, open: number) => (bound === undefined ? open : Date.parse(`${bound}T00:00:00Z`));
  const time = (bound: string | undefined, open: number) => (bound === undefined ? open : Date.parse(bound));
  return {
    counted: plan.counted.filter((piece) => holds(day(piece.from, -Infinity), day(piece.to, Infinity))),
    scanned: plan.scanned.filter((piece) => holds(time(piece.from, -Infinity), time(piece.to, Infinity))),
  };
}

interface Costs {
  /** Days of leads in `[from, to)` (ms). */
  scan(from: number, to: number): number;
  /** Reading a month's counts, nothing for a month without leads. */
  month(month: number): number;
  year(year: number): number;
}

function costs(extent: NonNullable<LeadExtent>): Costs {
  const overlaps = (from: number, to: number) => from <= extent.last && to > extent.first;
  return {
    scan: (from, to) => Math.max(0, Math.min(to, extent.last + 1) - Math.max(from, extent.first)) / DAY_MS,
    month: (month) => (overlaps(msOf(month), msOf(month + 1)) ? PERIOD_READ_DAYS : 0),
    year: (year) => (overlaps(msOf(year * 12), msOf(year * 12 + 12)) ? PERIOD_READ_DAYS : 0),
  };
}

/** Whole months `[first, end)` (either open) as whole years, and the months of the years they only partly cover. */
function wholeMonths(first: number | undefined, end: number | undefined, cost: Costs): CountedPiece[] {
  if (first !== undefined && end !== undefined && first >= end) return [];
  if (first !== undefined && end !== undefined && Math.floor(first / 12) === Math.floor((end - 1) / 12)) return monthsOfYear(first, end, cost);
  const firstYear = first === undefined ? undefined : Math.ceil(first / 12);
  const endYear = end === undefined ? undefined : Math.floor(end / 12);
  const pieces: CountedPiece[] = [];
  if (firstYear === undefined || endYear === undefined || firstYear < endYear) {
    pieces.push({ sign: 1, period: 'year', from: firstYear === undefined ? undefined : `${firstYear}-01-01`, to: endYear === undefined ? undefined : `${endYear}-01-01` });
  }
  if (first !== undefined && firstYear !== undefined && first < firstYear * 12) pieces.push(...monthsOfYear(first, firstYear * 12, cost));
  if (end !== undefined && endYear !== undefined && end > endYear * 12) pieces.push(...monthsOfYear(endYear * 12, end, cost));
  return pieces;
}

/** Months `[first, end)` of one year: counted as they are, or as the year less its other months, whichever reads less. */
function monthsOfYear(first: number, end: number, cost: Costs): CountedPiece[] {
  const year = Math.floor(first / 12);
  const monthsCost = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => cost.month(from + index)).reduce((sum, each) => sum + each, 0);
  const months = (sign: Sign, from: number, to: number): CountedPiece[] => (from < to ? [{ sign, period: 'month', from: firstDayOf(from), to: firstDayOf(to) }] : []);
  if (monthsCost(first, end) <= cost.year(year) + monthsCost(year * 12, first) + monthsCost(end, year * 12 + 12)) return months(1, first, end);
  return [{ sign: 1, period: 'year', from: `${year}-01-01`, to: `${year + 1}-01-01` }, ...months(-1, year * 12, first), ...months(-1, end, year * 12 + 12)];
}
