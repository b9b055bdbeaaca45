export const LOST_REASONS = ['price', 'competitor', 'timing', 'model_unavailable', 'financing', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

/** The Lost wizard's selection, in the documents' order and spelling. */
export const LOST_REASON_LABELS: Record<LostReason, string> = {
  price: 'Price',
  competitor: 'Competitor',
  timing: 'Timing',
  model_unavailable: 'Model Unavailable',
  financing: 'Financing',
  other: 'Other',
};

export function isLostReason(value: unknown): value is LostReason {
  return typeof value === 'string' && (LOST_REASONS as readonly string[]).includes(value);
}
