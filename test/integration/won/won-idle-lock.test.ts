import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealership } from '../../../src-shared/contract/entities.schema';
import type { WonProgress } from '../../../src-shared/contract/ipc.contract';
import { MainCore } from '../../../src-main/core/main-core';
import { FileSecretStore } from '../../../src-main/session/secret-store';
import { TEST_PASSWORD } from '../../../src-hub/testing/hub-test-env';
import { testCipher } from '../../harness/app-harness';
import { dexieReplica } from '../replica-port.fixture';
import { addDealership, claimedLead, fakeTiming, startWonEnv, type WonEnv } from './won-env.fixture';

let env: WonEnv;
let dealership: Dealership;

beforeAll(async () => {
  env = await startWonEnv();
  dealership = await addDealership(env, { name: 'Lock Motors' });
});
afterAll(() => env.close());

describe('the idle lock and a Won push', () => {
  it('never locks for idleness while a push runs; the OS lock still locks at once and the push finishes behind it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'won-lock-'));
    const events: Array<[string, unknown]> = [];
    const main = new MainCore({
      appInfo: { version: 'test', platform: 'linux' },
      sessionStore: new FileSecretStore(join(dir, 'session.bin'), testCipher()),
      replica: dexieReplica().port,
      emit: (event, payload) => events.push([event, payload]),
      periodicPullMs: 0,
      hubClient: { timeoutMs: 5000, retryDelaysMs: [50] },
      eventBackoffMs: [100],
      won: { journalPath: join(dir, 'won-journal.json'), timing: fakeTiming() },
      verifierCost: { N: 1024, r: 8, p: 1 },
    });
    await main.handlers['auth:sign-in']({ hubUrl: env.proxy.url, login: env.agent.login, password: TEST_PASSWORD });
    const lead = await claimedLead(env, dealership.id);
    env.proxy.arm({ path: /\/won\/confirm$/, kind: 'timeout', holdMs: 1500 });
    const push = main.handlers['leads:mark-won']({ leadId: lead.id });
    const confirming = () =>
      events.some(([name, payload]) => name === 'won:progress' && (payload as WonProgress).steps.some((step) => step.id === 'confirm' && step.state === 'running'));
    await expect.poll(confirming, { timeout: 5000 }).toBe(true);

    expect(await main.handlers['auth:lock']({ reason: 'idle' })).toEqual({ locked: false });
    expect(await main.handlers['auth:session'](undefined)).toMatchObject({ locked: false });
    expect(main.lockNow('os')).toBe(true);
    expect(await main.handlers['auth:session'](undefined)).toMatchObject({ locked: true });

    await expect(push).resolves.toMatchObject({ dealershipName: 'Lock Motors' });
    await main.handlers['auth:unlock']({ password: TEST_PASSWORD });
    expect(await main.handlers['auth:lock']({ reason: 'idle' })).toEqual({ locked: true });
    main.stop();
  });
});
