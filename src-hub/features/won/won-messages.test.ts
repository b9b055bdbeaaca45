import { describe, expect, it } from 'vitest';
import { wonInProgressMessage } from './won-messages';

describe('wonInProgressMessage', () => {
  const now = new Date('2026-11-23T09:00:00Z');
  const later = (ms: number) => new Date(now.getTime() + ms);

  it('says how long the push may still take in whole minutes, rounded up, never a clock time', () => {
    expect(wonInProgressMessage(later(10 * 60_000), now)).toContain('(it gives up within 10 minutes)');
    expect(wonInProgressMessage(later(9 * 60_000 + 1), now)).toContain('within 10 minutes');
    expect(wonInProgressMessage(later(90_000), now)).toContain('within 2 minutes');
    expect(wonInProgressMessage(later(30_000), now)).toContain('within a minute');
    expect(wonInProgressMessage(later(0), now)).toContain('within a minute');
    expect(wonInProgressMessage(later(10 * 60_000), now)).not.toMatch(/UTC|\d{2}:\d{2}/);
  });
});
