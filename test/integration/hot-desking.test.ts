import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionChanged } from '../../src-shared/contract/ipc.contract';
import { MainCore } from '../../src-main/core/main-core';
import { FileSecretStore } from '../../src-main/session/secret-store';
import { lockOnOsEvents } from '../../src-main/session/workstation-lock';
import type { DesktopNotification } from '../../src-main/core/main-core';
import { api, createLead, createUser, startTestHub, TEST_PASSWORD, type TestHub } from '../../src-hub/testing/hub-test-env';
import { testCipher } from '../harness/app-harness';
import { HubProxy } from '../harness/hub-proxy';
import { dexieReplica } from './replica-port.fixture';

/** Hot-desking in main, against a real hub: locks (idle, OS, restart), unlock online and offline, sessions that end. */

interface Harness {
  main: MainCore;
  dir: string;
  events: Array<[string, unknown]>;
  shown: DesktopNotification[];
  clock: { now: number };
}

function core(dir = mkdtempSync(join(tmpdir(), 'hotdesk-')), cipher = testCipher()): Harness & { cipher: ReturnType<typeof testCipher> } {
  const events: Array<[string, unknown]> = [];
  const shown: DesktopNotification[] = [];
  const clock = { now: 1_000_000 };
  const main = new MainCore({
    appInfo: { version: 'test', platform: 'linux' },
    sessionStore: new FileSecretStore(join(dir, 'session.bin'), cipher),
    replica: dexieReplica().port,
    emit: (event, payload) => events.push([event, payload]),
    periodicPullMs: 0,
    // Room for a sign-in's password hashing on a loaded machine; an away hub still fails at once (refused).
    hubClient: { timeoutMs: 10_000, retryDelaysMs: [] },
    eventBackoffMs: [100],
    won: { journalPath: join(dir, 'won-journal.json') },
    notify: (notification) => shown.push(notification),
    verifierCost: { N: 1024, r: 8, p: 1 },
    now: () => clock.now,
  });
  return { main, dir, events, shown, clock, cipher };
}

const sessionEvents = (events: Array<[string, unknown]>) => events.filter(([name]) => name === 'auth:session-changed').map(([, payload]) => payload as SessionChanged);

describe('hot-desking in main', () => {
  let env: TestHub;
  let base: string;
  let proxy: HubProxy;
  let manager: string;

  beforeAll(async () => {
    env = await startTestHub('pglite');
    base = env.url.replace(/\/api\/v1$/, '');
    proxy = await HubProxy.start(base);
    manager = (await createUser(env.db, 'mona', 'manager', 'Mona Manager')).token;
    await createUser(env.db, 'ana', 'agent', 'Ana Reyes');
    await createUser(env.db, 'ben', 'agent', 'Ben Cruz');
  });
  afterAll(async () => {
    await proxy.close();
    await env.close();
  });

  it("the OS screen lock, suspend and a user switch lock at once: nothing but unlock or sign-out answers, no notification shows, and only the person's password unlocks", async () => {
    const { main, events, shown } = core();
    const power = new EventEmitter();
    lockOnOsEvents(power, () => main.lockNow('os'));
    await main.handlers['auth:sign-in']({ hubUrl: base, login: 'ana', password: TEST_PASSWORD });
    const lead = await createLead(env.db);
    for (const event of ['lock-screen', 'suspend', 'user-did-resign-active']) {
      power.emit(event);
      expect(await main.handlers['auth:session'](undefined), event).toMatchObject({ locked: true, user: { name: 'Ana Reyes' } });
      expect(sessionEvents(events).at(-1)).toMatchObject({ session: { locked: true }, ended: null });
      await expect(main.handlers['leads:claim']({ leadId: lead.id })).rejects.toMatchObject({ appError: { code: 'locked' } });
      await expect(main.handlers['leads:fetch']({ leadId: lead.id })).rejects.toMatchObject({ appError: { code: 'locked' } });
      await main.handlers['notifications:show']({ title: 'Follow-up due', body: 'Call Juan dela Cruz', leadId: lead.id });
      expect(shown).toHaveLength(0);
      await expect(main.handlers['auth:unlock']({ password: 'not hers' })).rejects.toMatchObject({ appError: { code: 'invalid_credentials' } });
      await main.handlers['auth:unlock']({ password: TEST_PASSWORD });
      expect(sessionEvents(events).at(-1)).toMatchObject({ session: { locked: false } });
    }
    await main.handlers['notifications:show']({ title: 'Follow-up due', body: 'Call Juan', leadId: lead.id });
    expect(shown).toHaveLength(1);
    expect((await main.handlers['leads:claim']({ leadId: lead.id })).userId).toBeTruthy();
    main.stop();
  });

  it("locks when idle after the manager's minutes (read from the hub), and unlocks offline against the local verifier with a wait after wrong tries", async () => {
    await api(env.url, manager).patch('/settings/workstation', { idleLockMinutes: 3 });
    const { main, clock } = core();
    await main.handlers['auth:sign-in']({ hubUrl: proxy.url, login: 'ben', password: TEST_PASSWORD });
    expect(await main.handlers['auth:session'](undefined)).toMatchObject({ idleLockMinutes: 3, locked: false });
    await api(env.url, manager).patch('/settings/workstation', { idleLockMinutes: 10 });
    expect(await main.handlers['auth:lock']({ reason: 'idle' })).toEqual({ locked: true });
    proxy.cut();
    for (let i = 0; i < 5; i++) await expect(main.handlers['auth:unlock']({ password: `guess ${i}` })).rejects.toMatchObject({ appError: { code: 'invalid_credentials' } });
    await expect(main.handlers['auth:unlock']({ password: TEST_PASSWORD })).rejects.toMatchObject({ appError: { code: 'too_many_requests' } });
    clock.now += 30_000;
    await main.handlers['auth:unlock']({ password: TEST_PASSWORD });
    expect(await main.handlers['auth:session'](undefined)).toMatchObject({ locked: false, online: false });
    proxy.restore();
    main.stop();
  });

  it("a manager's change of the idle minutes applies on their own workstation at once; agents may only read them", async () => {
    const boss = core();
    await boss.main.handlers['auth:sign-in']({ hubUrl: base, login: 'mona', password: TEST_PASSWORD });
    expect(await boss.main.handlers['settings:update']({ idleLockMinutes: 7 })).toEqual({ sessionHours: 12, idleLockMinutes: 7 });
    expect(sessionEvents(boss.events).at(-1)).toMatchObject({ session: { idleLockMinutes: 7, locked: false } });
    expect(await boss.main.handlers['auth:session'](undefined)).toMatchObject({ idleLockMinutes: 7 });
    const agent = core();
    await agent.main.handlers['auth:sign-in']({ hubUrl: base, login: 'ana', password: TEST_PASSWORD });
    expect(await agent.main.handlers['settings:get'](undefined)).toEqual({ sessionHours: 12, idleLockMinutes: 7 });
    await expect(agent.main.handlers['settings:update']({ idleLockMinutes: 1 })).rejects.toMatchObject({ appError: { code: 'forbidden' } });
    await boss.main.handlers['settings:update']({ idleLockMinutes: 10 });
    boss.main.stop();
    agent.main.stop();
  });

  it('a restart opens locked, for the person whose session it is', async () => {
    const first = core();
    await first.main.handlers['auth:sign-in']({ hubUrl: base, login: 'ana', password: TEST_PASSWORD });
    first.main.stop();
    const lead = await createLead(env.db);
    const again = core(first.dir, first.cipher);
    await again.main.start();
    expect(await again.main.handlers['auth:session'](undefined)).toMatchObject({ locked: true, online: true, user: { login: 'ana' } });
    await expect(again.main.handlers['leads:fetch']({ leadId: lead.id })).rejects.toMatchObject({ appError: { code: 'locked' } });
    await again.main.handlers['auth:unlock']({ password: TEST_PASSWORD });
    expect((await again.main.handlers['leads:fetch']({ leadId: lead.id })).lead.id).toBe(lead.id);
    again.main.stop();
  });

  it('unlocking after the shift ended goes to sign-in instead', async () => {
    const { main, events } = core();
    await main.handlers['auth:sign-in']({ hubUrl: base, login: 'ana', password: TEST_PASSWORD });
    main.lockNow('os');
    env.clock.advance(12 * 60 * 60_000);
    await expect(main.handlers['auth:unlock']({ password: TEST_PASSWORD })).rejects.toMatchObject({ appError: { code: 'session_expired' } });
    expect(sessionEvents(events).at(-1)).toEqual({ session: null, ended: 'expired' });
    expect(await main.handlers['auth:session'](undefined)).toBeNull();
    main.stop();
  });

  it('a restart after the shift ended goes to sign-in and says why', async () => {
    const first = core();
    await first.main.handlers['auth:sign-in']({ hubUrl: base, login: 'ben', password: TEST_PASSWORD });
    first.main.stop();
    env.clock.advance(12 * 60 * 60_000);
    const again = core(first.dir, first.cipher);
    await again.main.start();
    expect(await again.main.handlers['auth:session'](undefined)).toBeNull();
    expect(sessionEvents(again.events)).toEqual([{ session: null, ended: 'expired' }]);
  });

  it('an expired session goes to sign-in with session_expired; its Won reports wait for the same person, never the next one', async () => {
    const { main, dir, events } = core();
    const ana = await main.handlers['auth:sign-in']({ hubUrl: base, login: 'ana', password: TEST_PASSWORD });
    // a Won confirmation Ana's push could not deliver, kept in the journal under her name
    const journalPath = join(dir, 'won-journal.json');
    const report = { kind: 'confirm', owner: `${base}|${ana.id}`, leadId: '999999', pushId: 'push-of-ana', soName: 'S00042', soId: 42, dealershipName: 'Core Motors', savedAt: 1 };
    writeFileSync(journalPath, JSON.stringify({ version: 1, pending: [report], unsettled: [] }));
    const pendingPushIds = () => (JSON.parse(readFileSync(journalPath, 'utf8')) as { pending: Array<{ pushId: string }> }).pending.map((item) => item.pushId);

    env.clock.advance(12 * 60 * 60_000);
    await expect(main.handlers['sync:pull'](undefined)).resolves.toEqual({});
    expect(sessionEvents(events).at(-1)).toEqual({ session: null, ended: 'expired' });
    expect(await main.handlers['auth:session'](undefined)).toBeNull();

    // the next person signs in (no hub address typed: the last one is kept): Ana's report is not theirs to send
    await main.handlers['auth:sign-in']({ login: 'ben', password: TEST_PASSWORD });
    expect(await main.won.retryPendingConfirmations()).toEqual({ sent: 0, kept: 0 });
    expect(pendingPushIds()).toEqual(['push-of-ana']);
    await main.handlers['auth:sign-out'](undefined);

    // Ana again: her report goes (the hub refuses this made-up push for good, so it leaves the journal)
    await main.handlers['auth:sign-in']({ login: 'ana', password: TEST_PASSWORD });
    await expect.poll(() => pendingPushIds(), { timeout: 5000 }).toEqual([]);
    main.stop();
  });

  it('a session that ends while the event stream is open goes to sign-in by itself', async () => {
    const { main, events } = core();
    await main.handlers['auth:sign-in']({ hubUrl: proxy.url, login: 'ben', password: TEST_PASSWORD });
    await expect.poll(() => events.some(([name, payload]) => name === 'connection:state' && (payload as { online: boolean }).online), { timeout: 5000 }).toBe(true);
    await main.handlers['sync:pull'](undefined);
    await main.won.retryPendingConfirmations();
    env.clock.advance(12 * 60 * 60_000);
    // the stream drops (a network blip); reopening it meets the hub's 401 session_expired
    proxy.cut();
    proxy.restore();
    await expect.poll(() => sessionEvents(events).at(-1), { timeout: 5000 }).toEqual({ session: null, ended: 'expired' });
    main.stop();
  });
});
