import { describe, expect, it } from 'vitest';
import { splitHubTimes } from './chatter-times';

describe('UTC moments in chatter bodies', () => {
  it('finds the ISO instants the hub writes', () => {
    expect(splitHubTimes('Showroom visit scheduled for 2026-03-05T09:30:00.000Z: test drive')).toEqual([
      { text: 'Showroom visit scheduled for ' },
      { time: '2026-03-05T09:30:00.000Z', written: '2026-03-05T09:30:00.000Z' },
      { text: ': test drive' },
    ]);
    expect(splitHubTimes('Call scheduled for 2026-03-05T09:30Z')).toEqual([{ text: 'Call scheduled for ' }, { time: '2026-03-05T09:30:00.000Z', written: '2026-03-05T09:30Z' }]);
  });

  it('reads the older "YYYY-MM-DD HH:MM UTC" entries as the same moments', () => {
    expect(splitHubTimes('Meeting scheduled for 2026-03-05 23:15 UTC: sign the papers')).toEqual([
      { text: 'Meeting scheduled for ' },
      { time: '2026-03-05T23:15:00.000Z', written: '2026-03-05 23:15 UTC' },
      { text: ': sign the papers' },
    ]);
  });

  it('leaves everything else as written: dates alone, local-looking times, impossible moments', () => {
    for (const body of ['Lead created from Website.', 'Delivery on 2026-03-05', 'Call at 2026-03-05 09:00 please', 'Odd 2026-13-45T99:99Z', '']) {
      expect(splitHubTimes(body)).toEqual([{ text: body }]);
    }
  });
});
