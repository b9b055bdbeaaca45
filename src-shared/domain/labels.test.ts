import { describe, expect, it } from 'vitest';
import { CALL_RESULTS, CALL_RESULT_LABELS, isCallResult } from './call-results';
import { LOST_REASONS, LOST_REASON_LABELS, isLostReason } from './lost-reasons';

describe('selections of the wizards', () => {
  it('Lost Reason: Price, Competitor, Timing, Model Unavailable, Financing, Other', () => {
    expect(LOST_REASONS.map((reason) => LOST_REASON_LABELS[reason])).toEqual([
      'Price',
      'Competitor',
      'Timing',
      'Model Unavailable',
      'Financing',
      'Other',
    ]);
    expect(isLostReason('model_unavailable')).toBe(true);
    expect(isLostReason('Model Unavailable')).toBe(false);
  });

  it('Call Result: Answered / No Answer / Busy / Voicemail / Wrong Number', () => {
    expect(CALL_RESULTS.map((result) => CALL_RESULT_LABELS[result])).toEqual(['Answered', 'No Answer', 'Busy', 'Voicemail', 'Wrong Number']);
    expect(isCallResult('wrong_number')).toBe(true);
    expect(isCallResult(undefined)).toBe(false);
  });
});
