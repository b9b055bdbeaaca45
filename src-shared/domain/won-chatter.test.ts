import { describe, expect, it } from 'vitest';
import { isSupersededWonFailure } from './won-chatter';

describe('superseded Won failures', () => {
  it('are the Won errors of a lead that has its Sales Order since', () => {
    const failed = { kind: 'error', body: 'Mark as Won failed: the dealer could not be reached (dealer_unreachable)' };
    expect(isSupersededWonFailure(failed, 'S00012')).toBe(true);
    expect(isSupersededWonFailure(failed, null)).toBe(false);
    expect(isSupersededWonFailure({ kind: 'error', body: 'Reminder e-mail could not be sent' }, 'S00012')).toBe(false);
    expect(isSupersededWonFailure({ kind: 'note', body: 'Mark as Won failed yesterday, retry' }, 'S00012')).toBe(false);
  });
});
