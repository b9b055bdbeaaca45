import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MainCore } from '../../src-main/core/main-core';
import { FileSecretStore } from '../../src-main/session/secret-store';
import type { UpdaterPort } from '../../src-main/updates/app-updates';
import { createUser, startTestHub, TEST_PASSWORD, type TestHub } from '../../src-hub/testing/hub-test-env';
import { testCipher } from '../harness/app-harness';
import { dexieReplica } from './replica-port.fixture';

/** Main's side of updates from the hub: the feed follows the sign-in, the state reaches the renderer, the restart is asked for. */
describe('app updates in main', () => {
  let env: TestHub;
  let base: string;

  beforeAll(async () => {
    env = await startTestHub('pglite');
    base = env.url.replace(/\/api\/v1$/, '');
    await createUser(env.db, 'maria', 'agent', 'Maria Santos');
  });
  afterAll(() => env.close());

  function core(updater?: UpdaterPort) {
    const events: Array<[string, unknown]> = [];
    const main = new MainCore({
      appInfo: { version: '1.3.0', platform: 'linux' },
      sessionStore: new FileSecretStore(join(mkdtempSync(join(tmpdir(), 'updates-main-')), 'session.bin'), testCipher()),
      replica: dexieReplica().port,
      emit: (event, payload) => events.push([event, payload]),
      defaultHubUrl: async () => base,
      periodicPullMs: 0,
      hubClient: { timeoutMs: 3000, retryDelaysMs: [50] },
      logError: () => undefined,
      ...(updater ? { updater } : {}),
    });
    return { main, events };
  }

  it("reads the signed-in hub's feed, tells the renderer, and restarts into the update when asked", async () => {
    const updater = { setFeed: vi.fn(), check: vi.fn(async () => undefined), quitAndInstall: vi.fn() } satisfies UpdaterPort;
    const { main, events } = core(updater);
    expect(await main.handlers['updates:state'](undefined)).toEqual({ status: 'none' });
    await main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    expect(updater.setFeed).toHaveBeenLastCalledWith(`${base}/api/v1/updates`);
    expect(updater.check).toHaveBeenCalled();
    main.updates?.downloaded('1.4.0');
    expect(events).toContainEqual(['updates:changed', { status: 'ready', version: '1.4.0' }]);
    expect(await main.handlers['updates:state'](undefined)).toEqual({ status: 'ready', version: '1.4.0' });
    await main.handlers['updates:restart'](undefined);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    main.stop();
  });

  it('a copy without an updater (development, the browser shell) says so', async () => {
    const { main } = core();
    await expect(main.handlers['updates:restart'](undefined)).rejects.toThrow('This copy of BPO CRM is not updated from the hub (development or browser shell).');
    main.stop();
  });
});
