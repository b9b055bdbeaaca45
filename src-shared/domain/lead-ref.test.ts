import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatLeadRef, parseLeadRef } from './lead-ref';

describe('lead references', () => {
  it('pads the per-year counter to at least five digits', () => {
    expect(formatLeadRef(2026, 42)).toBe('LEAD/2026/00042');
    expect(formatLeadRef(2026, 99999)).toBe('LEAD/2026/99999');
    expect(formatLeadRef(2026, 123456)).toBe('LEAD/2026/123456');
  });

  it('parses references, including ones with more digits', () => {
    expect(parseLeadRef('LEAD/2026/00042')).toEqual({ year: 2026, counter: 42 });
    expect(parseLeadRef(' LEAD/2027/1234567 ')).toEqual({ year: 2027, counter: 1234567 });
  });

  it('refuses what is not a reference', () => {
    for (const text of ['', 'LEAD/2026/42', 'lead/2026/00042', 'LEAD/26/00042', 'LEAD/2026/00000', 'LEAD/2026/00042x', 'SO/2026/00042']) {
      expect(parseLeadRef(text)).toBeNull();
    }
  });

  it('refuses impossible numbers when formatting', () => {
    expect(() => formatLeadRef(2026, 0)).toThrow(RangeError);
    expect(() => formatLeadRef(2026, 1.5)).toThrow(RangeError);
    expect(() => formatLeadRef(99, 1)).toThrow(RangeError);
  });

  it('format and parse round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 2 ** 40 }), (year, counter) => {
        expect(parseLeadRef(formatLeadRef(year, counter))).toEqual({ year, counter });
      }),
    );
  });
});
