import { describe, expect, it } from 'vitest';
import { reportQuerySchema } from '../../../src-shared/contract/reports.schema';
import { buildReportQuery, presetRange, type ReportFilter } from './report-range';

const now = new Date(2026, 2, 10, 15, 30);
const local = (year: number, month: number, day: number) => new Date(year, month - 1, day);
const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
const filter = (patch: Partial<ReportFilter>): ReportFilter => ({ preset: 'today', customFrom: '', customTo: '', brand: '', ...patch });

describe('report periods', () => {
  it('are the floor\'s local days, the end exclusive', () => {
    expect(presetRange('today', now)).toEqual({ from: local(2026, 3, 10), to: local(2026, 3, 11) });
    expect(presetRange('last-7-days', now)).toEqual({ from: local(2026, 3, 4), to: local(2026, 3, 11) });
    expect(presetRange('last-30-days', now)).toEqual({ from: local(2026, 2, 9), to: local(2026, 3, 11) });
    expect(presetRange('this-month', now)).toEqual({ from: local(2026, 3, 1), to: local(2026, 4, 1) });
    expect(presetRange('this-month', new Date(2026, 11, 31, 23, 59))).toEqual({ from: local(2026, 12, 1), to: local(2027, 1, 1) });
  });

  it('become a query the contract accepts: UTC times, the brand when chosen, the workstation\'s offset', () => {
    const built = buildReportQuery(filter({ preset: 'last-7-days', brand: 'Honda' }), now);
    expect(built).toEqual({ ok: true, query: { from: iso(local(2026, 3, 4)), to: iso(local(2026, 3, 11)), brand: 'Honda', utcOffsetMinutes: -now.getTimezoneOffset() || 0 } });
    expect(built.ok && reportQuerySchema.safeParse(built.query).success).toBe(true);
  });

  it('take custom days with the last one included, either end open, and refuse a backwards range', () => {
    expect(buildReportQuery(filter({ preset: 'custom', customFrom: '2026-02-15', customTo: '2026-02-15' }), now)).toMatchObject({
      ok: true,
      query: { from: iso(local(2026, 2, 15)), to: iso(local(2026, 2, 16)) },
    });
    const openStart = buildReportQuery(filter({ preset: 'custom', customTo: '2026-02-20' }), now);
    expect(openStart.ok && openStart.query).toEqual({ to: iso(local(2026, 2, 21)), utcOffsetMinutes: -now.getTimezoneOffset() || 0 });
    const allTime = buildReportQuery(filter({ preset: 'custom' }), now);
    expect(allTime.ok && Object.keys(allTime.query)).toEqual(['utcOffsetMinutes']);
    expect(buildReportQuery(filter({ preset: 'custom', customFrom: '2026-02-21', customTo: '2026-02-20' }), now)).toEqual({ ok: false, message: 'The first day must not be after the last day.' });
    expect(buildReportQuery(filter({ preset: 'custom', customFrom: '21/02/2026' }), now)).toEqual({ ok: false, message: 'Enter dates as YYYY-MM-DD.' });
  });
});
