import type { Lead } from '../../../src-shared/contract/entities.schema';

/** The thresholds a supervisor picks from: how long a lead may wait in Open Leads before it counts as stale. */
export const STALE_THRESHOLDS = [
  { minutes: 30, label: '30 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 120, label: '2 h' },
  { minutes: 240, label: '4 h' },
  { minutes: 1440, label: '1 day' },
] as const;

export type StaleAfterMinutes = (typeof STALE_THRESHOLDS)[number]['minutes'];

export const DEFAULT_STALE_AFTER: StaleAfterMinutes = 60;

export function isStaleThreshold(minutes: number): minutes is StaleAfterMinutes {
  return STALE_THRESHOLDS.some((threshold) => threshold.minutes === minutes);
}

/** Leads created before this instant (epoch ms) are stale: one subtraction per render, one comparison per card. */
export function staleCutoff(now: Date, afterMinutes: number): number {
  return now.getTime() - afterMinutes * 60_000;
}

/** Waiting longer than the threshold, counted, like the card's age, from creation. */
export function isStale(lead: Pick<Lead, 'createdAt'>, cutoff: number): boolean {
  return Date.parse(lead.createdAt) <= cutoff;
}

export function countStale(leads: readonly Pick<Lead, 'createdAt'>[], cutoff: number): number {
  let count = 0;
  for (const lead of leads) if (isStale(lead, cutoff)) count++;
  return count;
}
