import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../testing/property-runs';
import { durationFigures, forEachInteger, SpeedCounts, Tally, tenthsOfSlot } from './speed-counts';

/** percentile_cont over the values themselves, sorted (PostgreSQL's float8 interpolation), in minutes to one decimal. */
function fromSorted(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lo = sorted[Math.floor(position)] as number;
  const hi = sorted[Math.ceil(position)] as number;
  return Math.round(lo + (position - Math.floor(position)) * (hi - lo)) / 10;
}

// what report_speed_tenths gives (under an hour, tenths of an hour beyond, days later) and values off that grid
const tenths = fc.oneof(fc.integer({ min: 0, max: 599 }), fc.integer({ min: 10, max: 200 }).map((tenthsOfHour) => tenthsOfHour * 60), fc.integer({ min: 0, max: 10_000_000 }));

describe('speed to lead figures from counts per value', () => {
  it('equal percentile_cont over the values, however they are added (one by one, or counted first, in any order)', () => {
    fc.assert(
      fc.property(fc.array(tenths, { maxLength: 300 }), fc.integer({ min: 1, max: 4 }), (values, repeat) => {
        const oneByOne = new Tally();
        for (const value of values) oneByOne.add(value, 1);
        const counted = new Tally();
        const counts = new Map<number, number>();
        for (const value of values) counts.set(value, (counts.get(value) ?? 0) + repeat);
        for (const [value, count] of [...counts].reverse()) counted.add(value, count);
        const expected = (copies: number) => {
          const all = values.flatMap((value) => new Array<number>(copies).fill(value));
          return { leads: all.length, medianMinutes: fromSorted(all, 0.5), p90Minutes: fromSorted(all, 0.9) };
        };
        expect(durationFigures(oneByOne)).toEqual(expected(1));
        expect(durationFigures(counted)).toEqual(expected(repeat));
      }),
      propertyRuns(300),
    );
  });

  it('equal the counts of what is left when some values are taken away again (a month less the part outside the range)', () => {
    fc.assert(
      fc.property(fc.array(tenths, { maxLength: 200 }), fc.array(fc.boolean(), { maxLength: 200 }), (values, takenAway) => {
        const tally = new Tally();
        for (const value of values) tally.add(value, 1);
        const left = new Tally();
        values.forEach((value, index) => {
          if (takenAway[index]) tally.add(value, -1);
          else left.add(value, 1);
        });
        expect(tally.entries()).toEqual(left.entries());
        expect(durationFigures(tally)).toEqual(durationFigures(left));
      }),
      propertyRuns(200),
    );
  });

  it('reads a stored slot as the value it stands for (migration 13: 0 none, then tenths of a minute, then tenths of an hour)', () => {
    expect([0, 1, 51, 600, 601, 602, 700].map(tenthsOfSlot)).toEqual([null, 0, 50, 599, 600, 660, 6540]);
  });

  it('counts a stored slot where its value counts, on the dense grid and beyond it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: -3, max: 5 })), { maxLength: 200 }), (slots) => {
        const bySlot = new Tally();
        const byValue = new Tally();
        for (const [slot, count] of slots) {
          bySlot.addStoredSlot(slot, count);
          byValue.add(tenthsOfSlot(slot) as number, count);
        }
        expect(bySlot.entries()).toEqual(byValue.entries());
      }),
      propertyRuns(200),
    );
  });

  it('gives no median without a value, and groups only with leads, ordered by dimension, then most leads, then label', () => {
    expect(durationFigures(new Tally())).toEqual({ leads: 0, medianMinutes: null, p90Minutes: null });
    const counts = new SpeedCounts();
    counts.at('overall', '').leads = 3;
    counts.at('brand', 'Honda').leads = 1;
    counts.at('brand', 'Toyota').leads = 2;
    counts.at('agent', '7').add('c', 50, 1);
    counts.at('source', 'Web').leads = 0;
    const report = counts.report((dimension, key) => (dimension === 'agent' ? `Agent ${key}` : key));
    expect(report.overall).toEqual({ leads: 3, toClaim: { leads: 0, medianMinutes: null, p90Minutes: null }, toFirstCall: { leads: 0, medianMinutes: null, p90Minutes: null } });
    expect(report.groups.map((group) => `${group.dimension} ${group.label}`)).toEqual(['brand Toyota', 'brand Honda']);
  });

  it('reads the lists PostgreSQL sends (array_to_string: NULLs left out, none is an empty text)', () => {
    const integerList = (text: string | null) => {
      const values: number[] = [];
      forEachInteger(text, (value) => values.push(value));
      return values;
    };
    expect(integerList('')).toEqual([]);
    expect(integerList(null)).toEqual([]);
    expect(integerList('0,-1,15600,7')).toEqual([0, -1, 15600, 7]);
    expect(() => integerList('1,x')).toThrow();
  });
});
