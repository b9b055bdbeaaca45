import { describe, expect, it } from 'vitest';
import { niceScale } from './nice-scale';

describe('niceScale', () => {
  it('rounds the top up to whole, even steps', () => {
    expect(niceScale(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(1)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceScale(30)).toEqual({ top: 30, ticks: [0, 10, 20, 30] });
    expect(niceScale(143)).toEqual({ top: 150, ticks: [0, 50, 100, 150] });
  });
});
