import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealership } from '../../../src-shared/contract/entities.schema';
import type { WonProgress } from '../../../src-shared/contract/ipc.contract';
import { MainCore } from '../../../src-main/core/main-core';
import { createIpcDispatcher } from '../../../src-main/ipc/ipc-dispatcher';
import { FileSecretStore } from '../../../src-main/session/secret-store';
import { TEST_PASSWORD } from '../../../src-hub/testing/hub-test-env';
import { testCipher } from '../../harness/app-harness';
import { dexieReplica } from '../replica-port.fixture';
import { addDealership, claimedLead, fakeTiming, isWon, leadNow, ordersOf, startWonEnv, type WonEnv } from './won-env.fixture';

/** Mark as Won and Test Connection as the renderer reaches them: IPC channels of MainCore, `won:progress` events. */

let env: WonEnv;
let dealership: Dealership;

beforeAll(async () => {
  env = await startWonEnv();
  dealership = await addDealership(env, { name: 'Core Motors' });
});
afterAll(() => env.close());

function core(dir: string, cipher: ReturnType<typeof testCipher>, events: Array<[string, unknown]>, replica = dexieReplica().port) {
  return new MainCore({
    appInfo: { version: 'test', platform: 'linux' },
    sessionStore: new FileSecretStore(join(dir, 'session.bin'), cipher),
    replica,
    emit: (event, payload) => events.push([event, payload]),
    periodicPullMs: 0,
    hubClient: { timeoutMs: 1000, retryDelaysMs: [50] },
    eventBackoffMs: [100],
    won: { journalPath: join(dir, 'won-journal.json'), timing: fakeTiming() },
  });
}

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Mark as Won and Test Connection through MainCore', () => {
  it('marks won over IPC with progress events and the toast; Test Connection for managers only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'won-core-'));
    const events: Array<[string, unknown]> = [];
    const main = core(dir, testCipher(), events);
    const dispatch = createIpcDispatcher(main.handlers, { isTrustedSender: () => true, logError: () => undefined });
    await main.handlers['auth:sign-in']({ hubUrl: env.proxy.url, login: env.agent.login, password: TEST_PASSWORD });
    const lead = await claimedLead(env, dealership.id);

    const answer = await dispatch('leads:mark-won', { leadId: lead.id }, 'app://');
    const soName = ordersOf(env, lead.ref)[0]?.name;
    expect(answer).toMatchObject({ ok: true, value: { soName, dealershipName: 'Core Motors', toast: `Sales Order ${soName} created on Core Motors` } });
    const progress = events.filter(([name]) => name === 'won:progress').map(([, payload]) => payload as WonProgress);
    expect(progress.at(-1)).toMatchObject({ leadId: lead.id, steps: [{ state: 'done' }, { state: 'done' }, { state: 'done' }, { state: 'done' }, { id: 'sync', state: 'done' }] });
    expect(await dispatch('leads:mark-won', { leadId: lead.id, extra: 1 }, 'app://')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(await dispatch('dealerships:test-connection', { dealershipId: dealership.id }, 'app://')).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('Ask a manager to run Test Connection on dealership "Core Motors"') },
    });
    await main.handlers['auth:sign-out'](undefined);
    await main.handlers['auth:sign-in']({ hubUrl: env.proxy.url, login: env.manager.login, password: TEST_PASSWORD });
    const checks = await dispatch('dealerships:test-connection', { dealershipId: dealership.id }, 'app://');
    expect(checks).toMatchObject({
      ok: true,
      value: {
        checks: [{ id: 'reachable', ok: true }, { id: 'authentication', ok: true }, { id: 'company' }, { id: 'order-create', ok: true }, { id: 'contact-create', ok: true }, { id: 'own-documents', ok: true }, { id: 'model:Vios', ok: true }],
        companies: [{ id: 1, name: 'Sandbox Motors' }, { id: 2, name: 'Sandbox Motors North' }],
      },
    });
    main.stop();
  });

  it('after the hub recorded the order, names the sync it still waits for (a held pull holds the answer, not an unnamed step)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'won-core-'));
    const events: Array<[string, unknown]> = [];
    const replica = dexieReplica().port;
    let release: () => void = () => undefined;
    let held: Promise<void> | null = null;
    // The renderer's replica stops answering (a busy window, a long apply): every pull waits on it.
    const slow = {
      ...replica,
      apply: async (page: Parameters<typeof replica.apply>[0], after: string | null) => {
        await held;
        await replica.apply(page, after);
      },
    };
    const main = core(dir, testCipher(), events, slow);
    await main.handlers['auth:sign-in']({ hubUrl: env.proxy.url, login: env.agent.login, password: TEST_PASSWORD });
    const lead = await claimedLead(env, dealership.id);
    held = new Promise((resolve) => (release = resolve));
    let answered = false;
    const answer = main.handlers['leads:mark-won']({ leadId: lead.id }).then((output) => {
      answered = true;
      return output;
    });
    const last = () => events.filter(([name]) => name === 'won:progress').map(([, payload]) => payload as WonProgress).at(-1);
    await until(async () => last()?.steps.at(-1)?.id === 'sync');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered, 'Mark as Won waits for the pull').toBe(false);
    expect(last()?.steps.map((step) => `${step.id}:${step.state}`)).toEqual(['prepare:done', 'partner:done', 'order:done', 'confirm:done', 'sync:running']);
    expect(last()?.steps.at(-1)?.label).toBe('Update the lead on this computer (sync with the hub)');
    release();
    await expect(answer).resolves.toMatchObject({ soName: ordersOf(env, lead.ref)[0]?.name });
    expect(last()?.steps.at(-1)).toMatchObject({ id: 'sync', state: 'done' });
    main.stop();
  });

  it('keeps a confirmation the hub did not get and records it when the app starts again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'won-core-'));
    const cipher = testCipher();
    const first = core(dir, cipher, []);
    await first.handlers['auth:sign-in']({ hubUrl: env.proxy.url, login: env.agent.login, password: TEST_PASSWORD });
    const lead = await claimedLead(env, dealership.id);
    env.proxy.arm({ path: /\/won\/confirm$/, kind: 'refuse' });
    await expect(first.handlers['leads:mark-won']({ leadId: lead.id })).rejects.toMatchObject({
      appError: { code: 'hub_unreachable', message: expect.stringContaining('records it automatically when the connection is back') },
    });
    first.stop();
    expect((await leadNow(env, lead.id)).dealerSoName).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, 'won-journal.json'), 'utf8'))).toMatchObject({ pending: [{ kind: 'confirm', leadId: lead.id }] });

    const second = core(dir, cipher, []);
    await second.start();
    await until(async () => (await leadNow(env, lead.id)).dealerSoName !== null);
    const now = await leadNow(env, lead.id);
    expect(await isWon(env, now)).toBe(true);
    expect(now.dealerSoName).toBe(ordersOf(env, lead.ref)[0]?.name);
    await until(async () => (JSON.parse(readFileSync(join(dir, 'won-journal.json'), 'utf8')) as { pending: unknown[] }).pending.length === 0);
    second.stop();
  });

  it('on reconnect records a confirmation the hub never received', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'won-core-'));
    const main = core(dir, testCipher(), []);
    await main.handlers['auth:sign-in']({ hubUrl: env.proxy.url, login: env.agent.login, password: TEST_PASSWORD });
    const lead = await claimedLead(env, dealership.id);
    env.proxy.arm({ path: /\/won\/confirm$/, kind: 'refuse' });
    await expect(main.handlers['leads:mark-won']({ leadId: lead.id })).rejects.toMatchObject({ appError: { code: 'hub_unreachable' } });
    expect((await leadNow(env, lead.id)).dealerSoName).toBeNull();
    // The event stream drops and comes back online: the kept confirmation goes out.
    env.proxy.dropConnections();
    await until(async () => (await leadNow(env, lead.id)).dealerSoName !== null);
    expect((await leadNow(env, lead.id)).dealerSoName).toBe(ordersOf(env, lead.ref)[0]?.name);
    main.stop();
  });

  it('records a confirmation the hub failed on (500) moments later, with no reconnect and no restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'won-core-'));
    const main = core(dir, testCipher(), []);
    await main.handlers['auth:sign-in']({ hubUrl: env.proxy.url, login: env.agent.login, password: TEST_PASSWORD });
    const lead = await claimedLead(env, dealership.id);
    env.proxy.arm({ path: /\/won\/confirm$/, kind: 'status500' });
    await expect(main.handlers['leads:mark-won']({ leadId: lead.id })).rejects.toMatchObject({ appError: { code: 'hub_unreachable', message: expect.stringContaining('was created on') } });
    expect((await leadNow(env, lead.id)).dealerSoName).toBeNull();
    // The connection never failed, only the hub's answer did: main checks the hub again and sends what it kept.
    await until(async () => (await leadNow(env, lead.id)).dealerSoName !== null);
    expect((await leadNow(env, lead.id)).dealerSoName).toBe(ordersOf(env, lead.ref)[0]?.name);
    expect(ordersOf(env, lead.ref)).toHaveLength(1);
    main.stop();
  });
});
