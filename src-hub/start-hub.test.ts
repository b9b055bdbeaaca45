import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretKeyWarning, startHub } from './start-hub';
import { pgliteSnapshot } from './testing/hub-test-env';

describe('startHub', () => {
  it('refuses an unknown floor time zone before it opens the data, naming the setting', async () => {
    // A data folder that cannot exist: reaching the database would fail with another error.
    const start = startHub({ storage: { dataDir: '/proc/no-such-hub-data' }, config: { floorTimeZone: 'Manila' } });
    await expect(start).rejects.toThrow('FLOOR_TIME_ZONE: "Manila" is not a time zone name');
  });

  it('warns at start when the key of dealer API keys sits beside the database (no HUB_SECRET, not training)', async () => {
    expect(secretKeyWarning({ demo: true, hubSecret: undefined, dataDir: '/srv/hub' })).toBeNull();
    expect(secretKeyWarning({ demo: false, hubSecret: 'a-long-enough-secret', dataDir: '/srv/hub' })).toBeNull();
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-secret-warning-'));
    const logged: string[] = [];
    const saved = process.env['HUB_SECRET'];
    delete process.env['HUB_SECRET'];
    try {
      // The folder starts from the run's migrated snapshot (no initdb): a new folder's first start is hub-build.test.ts's.
      const hub = await startHub({ storage: { dataDir, databaseUrl: undefined, pgliteSnapshot: pgliteSnapshot() }, config: { mailPollMs: 0 }, log: { info: (line) => logged.push(line), error: () => undefined } });
      await hub.close();
    } finally {
      if (saved !== undefined) process.env['HUB_SECRET'] = saved;
    }
    expect(logged.filter((line) => line.startsWith('WARNING: HUB_SECRET is not set'))).toEqual([expect.stringContaining(`${dataDir}/hub-secret.key, beside the database`)]);
  });
});
