import { describe, expect, it } from 'vitest';
import { DEFAULT_SLOW_QUERY_MS, slowQueryThresholdOf } from './query-observer';

describe('HUB_SLOW_QUERY_MS', () => {
  it('defaults, takes whole milliseconds (0 logs every query), and refuses anything else naming the variable', () => {
    expect(slowQueryThresholdOf(undefined)).toBe(DEFAULT_SLOW_QUERY_MS);
    expect(slowQueryThresholdOf(' ')).toBe(DEFAULT_SLOW_QUERY_MS);
    expect(slowQueryThresholdOf('0')).toBe(0);
    expect(slowQueryThresholdOf('250')).toBe(250);
    for (const bad of ['-1', '2.5', 'fast', '1e3x']) expect(() => slowQueryThresholdOf(bad)).toThrow(`HUB_SLOW_QUERY_MS must be a whole number of milliseconds (0 or more), not "${bad}"`);
  });
});
