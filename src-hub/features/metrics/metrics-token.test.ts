import { afterEach, describe, expect, it } from 'vitest';
import { bearerMatches, metricsTokenOf } from './metrics-token';

describe('the metrics token', () => {
  const saved = process.env['HUB_METRICS_TOKEN'];
  afterEach(() => {
    if (saved === undefined) delete process.env['HUB_METRICS_TOKEN'];
    else process.env['HUB_METRICS_TOKEN'] = saved;
  });

  it('comes from HUB_METRICS_TOKEN unless configured; unset or empty means no /metrics; short stops the start', () => {
    delete process.env['HUB_METRICS_TOKEN'];
    expect(metricsTokenOf({})).toBeNull();
    process.env['HUB_METRICS_TOKEN'] = '  ';
    expect(metricsTokenOf({})).toBeNull();
    process.env['HUB_METRICS_TOKEN'] = 'scraper-token-0123456789';
    expect(metricsTokenOf({})).toBe('scraper-token-0123456789');
    expect(metricsTokenOf({ metricsToken: null })).toBeNull();
    process.env['HUB_METRICS_TOKEN'] = 'short';
    expect(() => metricsTokenOf({})).toThrow('HUB_METRICS_TOKEN: at least 16 characters');
  });

  it('matches only the whole token sent as a bearer token', () => {
    const token = 'scraper-token-0123456789';
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    for (const header of [undefined, '', token, `Bearer ${token.slice(1)}`, `Bearer ${token}0`, `Basic ${token}`, 'Bearer ']) {
      expect(bearerMatches(header, token), String(header)).toBe(false);
    }
  });
});
