import { describe, expect, it } from 'vitest';
import { startHub } from './start-hub';

describe('startHub', () => {
  it('refuses an unknown floor time zone before it opens the data, naming the setting', async () => {
    // A data folder that cannot exist: reaching the database would fail with another error.
    const start = startHub({ storage: { dataDir: '/proc/no-such-hub-data' }, config: { floorTimeZone: 'Manila' } });
    await expect(start).rejects.toThrow('FLOOR_TIME_ZONE: "Manila" is not a time zone name');
  });
});
