import type { QuerySample } from '../../db/timed-database';
import type { HubLog } from '../../hub-context';
import type { HubMetrics } from './hub-metrics';

export const DEFAULT_SLOW_QUERY_MS = 500;

/** Each statement's time into the histogram; one over `slowMs` also counted and logged with its SQL (no values). */
export function observeQueries(metrics: HubMetrics, log: HubLog, slowMs: number): (sample: QuerySample) => void {
  return ({ operation, ms, text }) => {
    metrics.dbQueries.observe({ operation }, ms / 1000);
    if (ms < slowMs) return;
    metrics.slowQueries.inc({ operation });
    log.info(`slow query (${Math.round(ms)} ms): ${text.replace(/\s+/g, ' ').trim().slice(0, 300)}`, { durationMs: Math.round(ms), operation });
  };
}
