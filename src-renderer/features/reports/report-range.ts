import type { ReportQueryInput } from '../../../src-shared/contract/reports.schema';

export const RANGE_PRESETS = [
  { value: 'today', label: 'Today' },
  { value: 'last-7-days', label: 'Last 7 days' },
  { value: 'last-30-days', label: 'Last 30 days' },
  { value: 'this-month', label: 'This month' },
  { value: 'custom', label: 'Custom dates' },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['value'];

export interface ReportFilter {
  preset: RangePreset;
  /** `YYYY-MM-DD` of the date inputs (custom range), the first and the last day included; '' when open. */
  customFrom: string;
  customTo: string;
  /** '' for every brand. */
  brand: string;
}

export type BuiltQuery = { ok: true; query: ReportQueryInput } | { ok: false; message: string };

/** Local midnight `days` after the day of `date` (DST-safe: the calendar does the arithmetic). */
function midnight(date: Date, days = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** ISO UTC without milliseconds, as the hub's examples write times. */
function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A date input's value (`YYYY-MM-DD`) for a local day. */
export function dateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A date input's value as local midnight; null when empty or invalid. */
function parseDateInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The floor's days of a preset as [from, to): local midnights, so "today" is the floor's today. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: Date): { from: Date; to: Date } {
  const tomorrow = midnight(now, 1);
  switch (preset) {
    case 'today':
      return { from: midnight(now), to: tomorrow };
    case 'last-7-days':
      return { from: midnight(now, -6), to: tomorrow };
    case 'last-30-days':
      return { from: midnight(now, -29), to: tomorrow };
    case 'this-month':
      return { from: new Date(now.getFullYear(), now.getMonth(), 1), to: new Date(now.getFullYear(), now.getMonth() + 1, 1) };
  }
}

/**
 * The `reports:floor` query of the filters: from/to in UTC for the floor's local days (`to` exclusive, so a
 * custom range includes its last day), the brand when one is chosen, and the workstation's UTC offset so the
 * hub counts calls per floor day.
 */
export function buildReportQuery(filter: ReportFilter, now: Date): BuiltQuery {
  // `|| 0`: at UTC the negation is -0, which is no offset to say.
  const utcOffsetMinutes = -now.getTimezoneOffset() || 0;
  const brand = filter.brand ? { brand: filter.brand } : {};
  if (filter.preset !== 'custom') {
    const { from, to } = presetRange(filter.preset, now);
    return { ok: true, query: { from: iso(from), to: iso(to), ...brand, utcOffsetMinutes } };
  }
  const from = filter.customFrom ? parseDateInput(filter.customFrom) : null;
  const lastDay = filter.customTo ? parseDateInput(filter.customTo) : null;
  if ((filter.customFrom && !from) || (filter.customTo && !lastDay)) return { ok: false, message: 'Enter dates as YYYY-MM-DD.' };
  const to = lastDay ? midnight(lastDay, 1) : null;
  if (from && to && from >= to) return { ok: false, message: 'The first day must not be after the last day.' };
  return { ok: true, query: { ...(from ? { from: iso(from) } : {}), ...(to ? { to: iso(to) } : {}), ...brand, utcOffsetMinutes } };
}
