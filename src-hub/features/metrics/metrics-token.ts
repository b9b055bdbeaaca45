import { createHash, timingSafeEqual } from 'node:crypto';
import type { HubConfig } from '../../hub-context';

const MIN_LENGTH = 16;

/**
 * `HUB_METRICS_TOKEN` (or the config's `metricsToken`): unset, /metrics does not exist; set, a scraper must send
 * it as a bearer token. A short one stops the start, naming the setting: the endpoint has no throttle.
 */
export function metricsTokenOf(config: Pick<HubConfig, 'metricsToken'>): string | null {
  const raw = config.metricsToken === undefined ? process.env['HUB_METRICS_TOKEN'] : config.metricsToken;
  const token = raw?.trim() ?? '';
  if (token === '') return null;
  if (token.length < MIN_LENGTH) throw new Error(`HUB_METRICS_TOKEN: at least ${MIN_LENGTH} characters (it guards /metrics, which has no throttle).`);
  return token;
}

/** Whether the Authorization header carries the token, compared in constant time (hashes of equal length). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1] ?? '';
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(token)) && sent.length > 0;
}
