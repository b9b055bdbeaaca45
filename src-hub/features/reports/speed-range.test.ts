import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../testing/property-runs';
import { planSpeedRange, type LeadExtent, type SpeedPlan } from './speed-range';

const DAY_MS = 86_400_000;
const at = (time: string) => Date.parse(time);
/** The seed's history: a lead every 30 s from 10 December 2025 to 23 November 2026. */
const HISTORY: LeadExtent = { first: at('2025-12-10T18:40:00Z'), last: at('2026-11-22T23:59:30Z') };

/** How many times the plan counts the instant `t` (ms): its pieces' signs added up. */
function timesCounted(plan: SpeedPlan, t: number): number {
  const inside = (from: string | undefined, to: string | undefined, dayOnly: boolean) => {
    const ms = (bound: string) => at(dayOnly ? `${bound}T00:00:00Z` : bound);
    return (from === undefined || t >= ms(from)) && (to === undefined || t < ms(to));
  };
  const counted = plan.counted.reduce((sum, piece) => sum + (inside(piece.from, piece.to, true) ? piece.sign : 0), 0);
  return counted + plan.scanned.reduce((sum, piece) => sum + (inside(piece.from, piece.to, false) ? piece.sign : 0), 0);
}

/** Every bound of the plan and of the range, a millisecond either side: where a wrong plan would show. */
function instantsToCheck(plan: SpeedPlan, from: string | undefined, to: string | undefined): number[] {
  const bounds = [from, to, ...plan.scanned.flatMap((piece) => [piece.from, piece.to]), ...plan.counted.flatMap((piece) => [piece.from, piece.to].map((day) => day && `${day}T00:00:00Z`))];
  return bounds.filter((bound): bound is string => bound !== undefined).flatMap((bound) => [at(bound) - 1, at(bound), at(bound) + 1]);
}

const describePlan = (plan: SpeedPlan) => [
  ...plan.counted.map((piece) => `${piece.sign > 0 ? '+' : '-'}${piece.period} ${piece.from ?? '…'} ${piece.to ?? '…'}`),
  ...plan.scanned.map((piece) => `${piece.sign > 0 ? '+' : '-'}scan ${piece.from ?? '…'} ${piece.to ?? '…'}`),
];

describe('planSpeedRange: whole years and months from the counts, the partial months at the edges scanned or taken away', () => {
  it('reads the whole history, and whole years, from the yearly counts alone', () => {
    expect(describePlan(planSpeedRange({}, HISTORY))).toEqual(['+year … …']);
    expect(describePlan(planSpeedRange({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00Z' }, HISTORY))).toEqual(['+year 2026-01-01 2027-01-01']);
  });

  it('counts the year less its first months rather than its last nine months one by one (from=2026-03-01)', () => {
    expect(describePlan(planSpeedRange({ from: '2026-03-01T00:00:00Z' }, HISTORY))).toEqual(['+year 2026-01-01 2027-01-01', '-month 2026-01-01 2026-03-01']);
    // the same months early in the year are read as months
    expect(describePlan(planSpeedRange({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, HISTORY))).toEqual(['+month 2026-01-01 2026-04-01']);
  });

  it('takes away what an edge month holds outside the range when that scans less: a floor month at UTC+8, the last 30 days', () => {
    // June at UTC+8: eight hours of May scanned, June counted less its last eight hours
    expect(describePlan(planSpeedRange({ from: '2026-05-31T16:00:00Z', to: '2026-06-30T16:00:00Z' }, HISTORY))).toEqual([
      '+month 2026-06-01 2026-07-01',
      '+scan 2026-05-31T16:00:00Z 2026-06-01T00:00:00Z',
      '-scan 2026-06-30T16:00:00Z 2026-07-01T00:00:00Z',
    ]);
    // the last 30 days: November counted whole, as its days not come yet hold no lead to take away
    expect(describePlan(planSpeedRange({ from: '2026-10-24T16:00:00Z', to: '2026-11-23T16:00:00Z' }, HISTORY))).toEqual([
      '+month 2026-11-01 2026-12-01',
      '+scan 2026-10-24T16:00:00Z 2026-11-01T00:00:00Z',
    ]);
  });

  it('scans a short range inside one month, and counts a long one as its month less the rest', () => {
    expect(describePlan(planSpeedRange({ from: '2026-11-22T16:00:00Z', to: '2026-11-23T16:00:00Z' }, HISTORY))).toEqual(['+scan 2026-11-22T16:00:00Z 2026-11-23T16:00:00Z']);
    expect(describePlan(planSpeedRange({ from: '2026-06-02T00:00:00Z', to: '2026-06-29T00:00:00Z' }, HISTORY))).toEqual([
      '+month 2026-06-01 2026-07-01',
      '-scan 2026-06-01T00:00:00Z 2026-06-02T00:00:00Z',
      '-scan 2026-06-29T00:00:00Z 2026-07-01T00:00:00Z',
    ]);
  });

  it('scans half months at worst: mid-month to mid-month, across a year end', () => {
    expect(describePlan(planSpeedRange({ from: '2026-02-14T16:00:00Z', to: '2026-09-14T16:00:00Z' }, HISTORY))).toEqual([
      '+month 2026-03-01 2026-09-01',
      '+scan 2026-02-14T16:00:00Z 2026-03-01T00:00:00Z',
      '+scan 2026-09-01T00:00:00Z 2026-09-14T16:00:00Z',
    ]);
    expect(describePlan(planSpeedRange({ from: '2025-12-31T16:00:00Z', to: '2026-02-20T00:00:00Z' }, HISTORY))).toEqual([
      '+month 2026-01-01 2026-03-01',
      '+scan 2025-12-31T16:00:00Z 2026-01-01T00:00:00Z',
      '-scan 2026-02-20T00:00:00Z 2026-03-01T00:00:00Z',
    ]);
  });

  it('reads open ends as open periods, and a bound a moment after midnight as a time', () => {
    expect(describePlan(planSpeedRange({ to: '2026-11-23T16:00:00Z' }, HISTORY))).toEqual(['+year … 2026-01-01', '+year 2026-01-01 2027-01-01']);
    expect(describePlan(planSpeedRange({ from: '2026-11-01T00:00:00.0000001Z' }, HISTORY))).toEqual([
      '+month 2026-11-01 2027-01-01',
      '-scan 2026-11-01T00:00:00Z 2026-11-01T00:00:00.0000001Z',
    ]);
  });

  it('scans whatever it cannot name: a time not in UTC, a range reaching the year 9999', () => {
    expect(describePlan(planSpeedRange({ from: '2026-11-01T08:00:00+08:00' }, HISTORY))).toEqual(['+scan 2026-11-01T08:00:00+08:00 …']);
    expect(describePlan(planSpeedRange({ from: '9999-06-01T00:00:00Z' }, HISTORY))).toEqual(['+scan 9999-06-01T00:00:00Z …']);
    expect(describePlan(planSpeedRange({ from: '9998-06-01T00:00:00Z', to: '9999-02-01T00:00:00Z' }, HISTORY))).toEqual(['+scan 9998-06-01T00:00:00Z 9999-02-01T00:00:00Z']);
  });

  it('reads nothing where no lead is: no leads at all, the years before the first one, the days not come yet', () => {
    expect(describePlan(planSpeedRange({ from: '2026-03-01T00:00:00Z' }, null))).toEqual([]);
    expect(describePlan(planSpeedRange({ to: '2025-12-10T00:00:00Z' }, HISTORY))).toEqual([]);
  });

  it('counts every instant of the range where leads are, once, and nothing else, and scans at most one month at each edge, for any range and any leads', () => {
    const monthStart = fc.record({ year: fc.integer({ min: 1990, max: 2040 }), month: fc.integer({ min: 0, max: 11 }) }).map(({ year, month }) => Date.UTC(year, month, 1));
    const instant = fc.oneof(monthStart, monthStart.map((ms) => ms + 16 * 3_600_000), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2041, 0, 1) }));
    const bound = fc.option(instant, { nil: undefined });
    const extent = fc.tuple(instant, instant).map(([a, b]) => ({ first: Math.min(a, b), last: Math.max(a, b) }));
    fc.assert(
      fc.property(bound, bound, extent, fc.array(instant, { maxLength: 10 }), (a, b, leads, probes) => {
        if (a !== undefined && b !== undefined && a >= b) return;
        const from = a === undefined ? undefined : new Date(a).toISOString();
        const to = b === undefined ? undefined : new Date(b).toISOString();
        const plan = planSpeedRange({ from, to }, leads);
        for (const t of [...instantsToCheck(plan, from, to), ...probes, leads.first, leads.last]) {
          if (t < leads.first || t > leads.last) continue;
          const expected = (a === undefined || t >= a) && (b === undefined || t < b) ? 1 : 0;
          expect(timesCounted(plan, t), `${new Date(t).toISOString()} in ${describePlan(plan).join(', ')}`).toBe(expected);
        }
        for (const piece of plan.counted) {
          for (const day of [piece.from, piece.to]) expect(day === undefined || (piece.period === 'year' ? /^\d{4}-01-01$/ : /^\d{4}-\d{2}-01$/).test(day)).toBe(true);
        }
        // a scan lies inside one month: at most a month of leads at either edge, whatever the range's length
        for (const piece of plan.scanned) {
          expect(piece.from !== undefined && piece.to !== undefined).toBe(true);
          const start = at(piece.from as string);
          const monthEnd = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, 1);
          expect(at(piece.to as string)).toBeLessThanOrEqual(monthEnd);
        }
        expect(plan.scanned.length).toBeLessThanOrEqual(2);
      }),
      propertyRuns(500),
    );
  });

  it('never scans more days of leads than the range holds', () => {
    const scannedDays = (plan: SpeedPlan, extent: NonNullable<LeadExtent>) =>
      plan.scanned.reduce((sum, piece) => sum + Math.max(0, Math.min(at(piece.to as string), extent.last + 1) - Math.max(at(piece.from as string), extent.first)) / DAY_MS, 0);
    for (const range of [{ from: '2026-02-14T16:00:00Z', to: '2026-09-14T16:00:00Z' }, { from: '2026-11-08T00:00:00Z', to: '2026-11-22T00:00:00Z' }, { from: '2025-12-20T00:00:00Z' }]) {
      const plan = planSpeedRange(range, HISTORY);
      const held = (Math.min(range.to ? at(range.to) : Infinity, HISTORY!.last + 1) - Math.max(at(range.from), HISTORY!.first)) / DAY_MS;
      expect(scannedDays(plan, HISTORY!)).toBeLessThanOrEqual(Math.min(held, 31));
    }
  });
});
