import { describe, expect, it } from 'vitest';
import { startHub } from './start-hub';

describe('startHub', () => {
  it('refuses an unknown floor time zone before it listens, naming the setting', async () => {
    await expect(startHub({ storage: { dataDir: null }, config: { floorTimeZone: 'Manila' } })).rejects.toThrow('FLOOR_TIME_ZONE: "Manila" is not a time zone name');
  });

  it('starts with a known one', async () => {
    const hub = await startHub({ storage: { dataDir: null }, config: { floorTimeZone: 'Asia/Manila', mailPollMs: 0 } });
    try {
      expect((await fetch(`${hub.url}/api/v1/openapi.json`)).status).toBe(200);
    } finally {
      await hub.close();
    }
  });
});
