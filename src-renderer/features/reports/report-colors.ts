import type { CallResult } from '../../../src-shared/domain/call-results';

/**
 * The app's palette (app.css) for SVG fills: recharts writes colours as attributes, where CSS variables do
 * not resolve, so the values are repeated here.
 */
export const COLORS = {
  accent: '#1f5ea8',
  accentSoft: '#8fb3de',
  ok: '#1e8e3e',
  warn: '#b26a00',
  warnSoft: '#d9973a',
  bad: '#c5221f',
  badSoft: '#d4605b',
  muted: '#5f6b7a',
  lost: '#9aa4b1',
  line: '#dde1e7',
  ink: '#1d2330',
} as const;

export const CALL_RESULT_COLORS: Record<CallResult, string> = {
  answered: COLORS.ok,
  no_answer: COLORS.lost,
  busy: COLORS.warn,
  voicemail: COLORS.accentSoft,
  wrong_number: COLORS.bad,
};

export type AgeTone = 'fresh' | 'stale' | 'old';

/** How an unclaimed lead's wait reads: calm while fresh, amber from 4 h, red from a day unclaimed. */
export function ageTone(hours: number): AgeTone {
  if (hours >= 24) return 'old';
  if (hours >= 4) return 'stale';
  return 'fresh';
}

// Softer than the text colours: a wide bar in full red shouts.
const AGE_COLORS: Record<AgeTone, string> = { fresh: COLORS.accent, stale: COLORS.warnSoft, old: COLORS.badSoft };

export function ageColor(hours: number): string {
  return AGE_COLORS[ageTone(hours)];
}
