import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MainCore } from '../../src-main/core/main-core';
import { FileSecretStore, type SecretCipher } from '../../src-main/session/secret-store';
import { createUser, startTestHub, TEST_PASSWORD, type TestHub } from '../../src-hub/testing/hub-test-env';
import { testCipher } from '../harness/app-harness';
import { dexieReplica } from './replica-port.fixture';

/** safeStorage on a Linux desktop with no keyring running: encrypting refuses (src-main/electron/safe-storage-cipher.ts). */
const noKeychain: SecretCipher = {
  encrypt: () => {
    throw new Error('No keyring (GNOME Keyring or KWallet) is running to keep the session encrypted.');
  },
  decrypt: () => {
    throw new Error('No keyring');
  },
};

describe('signing in on a computer without a keychain', () => {
  let env: TestHub;
  let base: string;

  function core(dir: string, cipher: SecretCipher, logError = vi.fn()) {
    const main = new MainCore({
      appInfo: { version: 'test', platform: 'linux' },
      sessionStore: new FileSecretStore(join(dir, 'session.bin'), cipher),
      replica: dexieReplica().port,
      emit: () => undefined,
      defaultHubUrl: async () => base,
      periodicPullMs: 0,
      // Room for a sign-in's password hashing on a loaded machine (2 s ran out twice in four runs at load 11).
      hubClient: { timeoutMs: 10_000, retryDelaysMs: [50] },
      logError,
    });
    return { main, logError };
  }

  beforeAll(async () => {
    env = await startTestHub('pglite');
    base = env.url.replace(/\/api\/v1$/, '');
    await createUser(env.db, 'maria', 'agent', 'Maria Santos');
  });
  afterAll(() => env.close());

  it('signs in for this run only: nothing is written, the session says so, and the next start asks again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-keychain-'));
    const { main, logError } = core(dir, noKeychain);
    const user = await main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    expect(user.login).toBe('maria');
    expect(await main.handlers['auth:session'](undefined)).toMatchObject({ user: { login: 'maria' }, online: true, remembered: false });
    // Signed in for real: hub calls carry the token.
    expect(await main.handlers['sync:pull'](undefined)).toEqual({});
    expect(existsSync(join(dir, 'session.bin'))).toBe(false);
    expect(logError).toHaveBeenCalledWith(expect.stringContaining('memory only'), expect.objectContaining({ message: expect.stringContaining('No keyring') }));
    main.stop();

    const next = core(dir, noKeychain).main;
    await next.start();
    expect(await next.handlers['auth:session'](undefined)).toBeNull();
  });

  it('a session saved while a keychain was there is not left behind when it is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keychain-gone-'));
    const withKeychain = core(dir, testCipher()).main;
    await withKeychain.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    expect(await withKeychain.handlers['auth:session'](undefined)).toMatchObject({ remembered: true });
    expect(existsSync(join(dir, 'session.bin'))).toBe(true);
    withKeychain.stop();

    const without = core(dir, noKeychain).main;
    await without.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    expect(existsSync(join(dir, 'session.bin'))).toBe(false);
    without.stop();
  });

  it('with a keychain the sign-in is remembered across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keychain-'));
    const cipher = testCipher();
    const first = core(dir, cipher).main;
    await first.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    first.stop();
    const again = core(dir, cipher).main;
    await again.start();
    expect(await again.handlers['auth:session'](undefined)).toMatchObject({ user: { login: 'maria' }, remembered: true });
    again.stop();
  });
});
