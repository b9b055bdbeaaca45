import type { QuerySample } from '../../db/timed-database';
import type { HubLog } from '../../hub-context';
import type { HubMetrics } from './hub-metrics';

export const DEFAULT_SLOW_QUERY_MS = 500;

/** HUB_SLOW_QUERY_MS: the slow-query threshold (0 logs every query); anything but a whole number stops the start naming it. */
export function slowQueryThresholdOf(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SLOW_QUERY_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`HUB_SLOW_QUERY_MS must be a whole number of milliseconds (0 or more), not "${value}"`);
  return ms;
}

/** Each statement's time into the histogram; one over `slowMs` also counted and logged with its SQL (no values). */
export function observeQueries(metrics: HubMetrics, log: HubLog, slowMs: number): (sample: QuerySample) => void {
  return ({ operation, ms, text }) => {
    metrics.dbQueries.observe({ operation }, ms / 1000);
    if (ms < slowMs) return;
    metrics.slowQueries.inc({ operation });
    log.info(`slow query (${Math.round(ms)} ms): ${text.replace(/\s+/g, ' ').trim().slice(0, 300)}`, { durationMs: Math.round(ms), operation });
  };
}
