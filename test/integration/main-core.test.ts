import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MainCore } from '../../src-main/core/main-core';
import { checkHubUrl } from '../../src-main/hub/hub-url';
import { FileSecretStore } from '../../src-main/session/secret-store';
import { api, createLead, createUser, startTestHub, TEST_PASSWORD, type TestHub } from '../../src-hub/testing/hub-test-env';
import { testCipher } from '../harness/app-harness';
import { HubProxy } from '../harness/hub-proxy';
import { dexieReplica } from './replica-port.fixture';
import { readLeads } from '../../src-renderer/db/lead-store';

function core(hubUrl: string, dir = mkdtempSync(join(tmpdir(), 'core-')), cipher = testCipher(), recheckMs?: number) {
  const replica = dexieReplica();
  const events: Array<[string, unknown]> = [];
  const main = new MainCore({
    appInfo: { version: 'test', platform: 'linux' },
    sessionStore: new FileSecretStore(join(dir, 'session.bin'), cipher),
    replica: replica.port,
    emit: (event, payload) => events.push([event, payload]),
    defaultHubUrl: async () => hubUrl,
    periodicPullMs: 0,
    hubClient: { timeoutMs: 2000, retryDelaysMs: [50] },
    eventBackoffMs: [100],
    ...(recheckMs ? { recheckMs } : {}),
  });
  return { main, replica, dir, cipher, events };
}

describe('main core against a real hub on loopback', () => {
  let env: TestHub;
  let base: string;

  beforeAll(async () => {
    env = await startTestHub('pglite');
    base = env.url.replace(/\/api\/v1$/, '');
    await createUser(env.db, 'maria', 'agent', 'Maria Santos');
    await createUser(env.db, 'jose', 'agent', 'Jose Reyes');
  });
  afterAll(() => env.close());

  it('signs in, syncs, and a claim resolves only once the replica shows it', async () => {
    const lead = await createLead(env.db);
    const { main, replica } = core(base);
    const user = await main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    expect(user.login).toBe('maria');
    await main.handlers['sync:pull'](undefined);
    expect((await readLeads(replica.db)).get(lead.id)).toMatchObject({ userId: null });
    const claimed = await main.handlers['leads:claim']({ leadId: lead.id });
    expect(claimed.userId).toBe(user.id);
    expect((await readLeads(replica.db)).get(lead.id)).toMatchObject({ userId: user.id });
    const session = await main.handlers['auth:session'](undefined);
    expect(session).toMatchObject({ user: { login: 'maria' }, online: true });
    expect(JSON.stringify(session)).not.toMatch(/token/i);
    main.stop();
  });

  it('starts the first sync as soon as the hub accepts the password, before the workstation settings are read', async () => {
    const lead = await createLead(env.db);
    const proxy = await HubProxy.start(base);
    let release!: () => void;
    proxy.hold(/\/settings\/workstation/, new Promise<void>((resolve) => (release = resolve)));
    const { main, replica, dir, cipher } = core(proxy.url);
    const signingIn = main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    // the settings are asked for and held; the first sync does not wait for them
    const asked = (prefix: string) => proxy.arrived.some((path) => path.startsWith(prefix));
    await expect.poll(() => asked('/api/v1/sync') && asked('/api/v1/settings/workstation'), { timeout: 5000 }).toBe(true);
    // nothing is saved for the next start until the sign-in is complete
    expect(new FileSecretStore(join(dir, 'session.bin'), cipher).read()).toBeNull();
    release();
    expect((await signingIn).login).toBe('maria');
    await main.handlers['sync:pull'](undefined);
    expect((await readLeads(replica.db)).get(lead.id)).toMatchObject({ userId: null });
    expect(JSON.parse(new FileSecretStore(join(dir, 'session.bin'), cipher).read() ?? '{}')).toMatchObject({ user: { login: 'maria' }, verifier: expect.any(String) });
    main.stop();
    await proxy.close();
  });

  it('a sign-out while a sign-in finishes leaves nothing signed in nor saved, and its sync stopped', async () => {
    const proxy = await HubProxy.start(base);
    let release!: () => void;
    proxy.hold(/\/settings\/workstation/, new Promise<void>((resolve) => (release = resolve)));
    const { main, dir, cipher } = core(proxy.url);
    const signingIn = main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    await expect.poll(() => proxy.arrived.some((path) => path.startsWith('/api/v1/settings/workstation')), { timeout: 5000 }).toBe(true);
    await main.handlers['auth:sign-out'](undefined);
    release();
    await expect(signingIn).rejects.toMatchObject({ appError: { code: 'unauthenticated' } });
    expect(await main.handlers['auth:session'](undefined)).toBeNull();
    expect(new FileSecretStore(join(dir, 'session.bin'), cipher).read()).toBeNull();
    const asked = proxy.arrived.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(proxy.arrived.slice(asked).filter((path) => path.startsWith('/api/v1/events'))).toEqual([]);
    main.stop();
    await proxy.close();
  });

  it('comes back online by itself when one request was lost but the event stream stayed open', async () => {
    const lead = await createLead(env.db);
    const proxy = await HubProxy.start(base);
    const { main, events } = core(proxy.url, undefined, undefined, 100);
    await main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    const states = () => events.filter(([event]) => event === 'connection:state').map(([, payload]) => (payload as { state: string }).state);
    await expect.poll(() => states().at(-1), { timeout: 5000 }).toBe('online');
    proxy.block(/\/claim$/);
    await expect(main.handlers['leads:claim']({ leadId: lead.id })).rejects.toMatchObject({ appError: { code: 'hub_unreachable' } });
    expect(states().at(-1)).toBe('offline');
    proxy.block(null);
    await expect.poll(() => states().at(-1), { timeout: 5000 }).toBe('online');
    expect(await main.handlers['auth:session'](undefined)).toMatchObject({ online: true });
    main.stop();
    await proxy.close();
  });

  it('passes the hub\'s refusal as is', async () => {
    const lead = await createLead(env.db);
    const jose = core(base);
    await jose.main.handlers['auth:sign-in']({ login: 'jose', password: TEST_PASSWORD });
    await jose.main.handlers['leads:claim']({ leadId: lead.id });
    const maria = core(base);
    await maria.main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    await expect(maria.main.handlers['leads:claim']({ leadId: lead.id })).rejects.toMatchObject({ appError: { code: 'already_claimed' } });
    jose.main.stop();
    maria.main.stop();
  });

  it('keeps the session encrypted on disk and restores it; offline it opens read-only; a revoked token signs out', async () => {
    const first = core(base);
    await first.main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    first.main.stop();
    const again = new MainCore({
      appInfo: { version: 'test', platform: 'linux' },
      sessionStore: new FileSecretStore(join(first.dir, 'session.bin'), first.cipher),
      replica: dexieReplica().port,
      emit: () => undefined,
      periodicPullMs: 0,
    });
    await again.start();
    expect(await again.handlers['auth:session'](undefined)).toMatchObject({ online: true, locked: true, user: { login: 'maria' } });
    again.stop();

    const offline = new MainCore({
      appInfo: { version: 'test', platform: 'linux' },
      sessionStore: new FileSecretStore(join(first.dir, 'session.bin'), first.cipher),
      replica: dexieReplica().port,
      emit: () => undefined,
      periodicPullMs: 0,
      hubClient: { timeoutMs: 500, retryDelaysMs: [] },
    });
    // Point the stored session at a port nobody listens on: the hub is out of reach.
    const store = new FileSecretStore(join(first.dir, 'session.bin'), first.cipher);
    const stored = JSON.parse(store.read() ?? '{}') as { hubUrl: string };
    store.write(JSON.stringify({ ...stored, hubUrl: 'http://127.0.0.1:9' }));
    await offline.start();
    expect(await offline.handlers['auth:session'](undefined)).toMatchObject({ online: false, locked: true, user: { login: 'maria' } });
    // a restored session opens locked: offline the verifier kept since sign-in lets the same person in
    await offline.handlers['auth:unlock']({ password: TEST_PASSWORD });
    await expect(offline.handlers['leads:claim']({ leadId: '1' })).rejects.toMatchObject({ appError: { code: 'hub_unreachable', message: expect.stringContaining('needs the connection to the hub') } });
    offline.stop();

    store.write(JSON.stringify({ ...stored, token: 'revoked-or-expired' }));
    const revoked = new MainCore({ appInfo: { version: 'test', platform: 'linux' }, sessionStore: store, replica: dexieReplica().port, emit: () => undefined, periodicPullMs: 0 });
    await revoked.start();
    expect(await revoked.handlers['auth:session'](undefined)).toBeNull();
    expect(store.read()).toBeNull();
  });

  it('an outbox item sent twice (answer lost, app restarted) lands once', async () => {
    const lead = await createLead(env.db);
    const { main } = core(base);
    await main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    await main.handlers['leads:claim']({ leadId: lead.id });
    const item = { kind: 'note' as const, leadId: lead.id, clientId: '6f1f3a0e-9d7c-4b8e-8a59-3d2f1b0c9e11', body: { body: 'Sent twice, kept once.' } };
    const first = await main.handlers['outbox:send'](item);
    const second = await main.handlers['outbox:send'](item);
    expect(second).toEqual(first);
    const { body } = await api(env.url, (await createUser(env.db, 'sup', 'supervisor')).token).get<Array<{ body: string }>>(`/leads/${lead.id}/messages`);
    expect(body.filter((message) => message.body === 'Sent twice, kept once.')).toHaveLength(1);
    await expect(main.handlers['outbox:send']({ ...item, body: { body: '' } })).rejects.toMatchObject({ appError: { code: 'invalid_input' } });
    main.stop();
  });
});

describe('lead actions through main', () => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub('pglite');
    await createUser(env.db, 'ana', 'agent', 'Ana');
  });
  afterAll(() => env.close());

  it('moves, refuses with the rule\'s text, marks lost, fetches from the hub and dials tel: only', async () => {
    const lead = await createLead(env.db);
    const opened: string[] = [];
    const replica = dexieReplica();
    const main = new MainCore({
      appInfo: { version: 'test', platform: 'linux' },
      sessionStore: new FileSecretStore(join(mkdtempSync(join(tmpdir(), 'core-')), 'session.bin'), testCipher()),
      replica: replica.port,
      emit: () => undefined,
      defaultHubUrl: async () => env.url.replace(/\/api\/v1$/, ''),
      periodicPullMs: 0,
      openExternal: async (url) => void opened.push(url),
    });
    await main.handlers['auth:sign-in']({ login: 'ana', password: TEST_PASSWORD });
    await main.handlers['leads:claim']({ leadId: lead.id });
    const stages = (await replica.db.stages.toArray()).sort((a, b) => a.sequence - b.sequence);
    await expect(main.handlers['leads:move-stage']({ leadId: lead.id, stageId: stages[2]?.id ?? '' })).rejects.toMatchObject({
      appError: { code: 'stage_transition_not_allowed', message: expect.stringContaining('From "New" the only allowed next stage is "Qualified"') },
    });
    const moved = await main.handlers['leads:move-stage']({ leadId: lead.id, stageId: stages[1]?.id ?? '' });
    expect(((await readLeads(replica.db)).get(lead.id))?.stageId).toBe(moved.stageId);
    const detail = await main.handlers['leads:fetch']({ leadId: lead.id });
    expect(detail.messages.map((message) => message.kind)).toContain('tracking');
    await expect(main.handlers['leads:mark-lost']({ leadId: lead.id, notes: 'x' })).rejects.toMatchObject({ appError: { code: 'lost_reason_required' } });
    const lost = await main.handlers['leads:mark-lost']({ leadId: lead.id, reason: 'price', notes: 'Too expensive' });
    expect(lost.lostReason).toBe('price');
    await main.handlers['dialer:call']({ phone: '+63 917 555 0101' });
    expect(opened).toEqual(['tel:+639175550101']);
    await expect(main.handlers['dialer:call']({ phone: 'javascript:alert(1)' })).rejects.toMatchObject({ appError: { code: 'invalid_input' } });
    main.stop();
  });

  it('tells an agent to whom and by whom a lead was reassigned once it has left their replica', async () => {
    await createUser(env.db, 'ben', 'agent', 'Ben Reyes');
    const supervisor = await createUser(env.db, 'sue', 'supervisor', 'Sue Cruz');
    const ben = (await env.db.query<{ id: string }>(`select id from users where login = 'ben'`))[0]?.id;
    const lead = await createLead(env.db);
    const replica = dexieReplica();
    const main = new MainCore({
      appInfo: { version: 'test', platform: 'linux' },
      sessionStore: new FileSecretStore(join(mkdtempSync(join(tmpdir(), 'core-')), 'session.bin'), testCipher()),
      replica: replica.port,
      emit: () => undefined,
      defaultHubUrl: async () => env.url.replace(/\/api\/v1$/, ''),
      periodicPullMs: 0,
    });
    await main.handlers['auth:sign-in']({ login: 'ana', password: TEST_PASSWORD });
    await main.handlers['leads:claim']({ leadId: lead.id });
    expect((await api(env.url, supervisor.token).post(`/leads/${lead.id}/assign`, { userId: ben })).status).toBe(200);
    await main.handlers['sync:pull'](undefined);
    expect((await readLeads(replica.db)).get(lead.id)).toBeUndefined();
    expect(await main.handlers['leads:reassignment']({ leadId: lead.id })).toEqual({ ref: lead.ref, toName: 'Ben Reyes', byName: 'Sue Cruz' });
    // anyone else is answered as for a lead that does not exist
    const other = await createLead(env.db);
    await expect(main.handlers['leads:reassignment']({ leadId: other.id })).rejects.toMatchObject({ appError: { code: 'not_found' } });
    main.stop();
  });
});

describe('hub address', () => {
  it('https anywhere, http only on this computer', () => {
    expect(checkHubUrl('https://hub.example.com/')).toBe('https://hub.example.com');
    expect(checkHubUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(checkHubUrl('http://localhost:8080/crm/')).toBe('http://localhost:8080/crm');
    expect(() => checkHubUrl('http://hub.example.com')).toThrow(/Refusing plain http/);
    expect(() => checkHubUrl('http://192.168.1.10:8080')).toThrow(/Refusing plain http/);
    expect(() => checkHubUrl('ftp://hub')).toThrow(/https/);
    expect(() => checkHubUrl('hub')).toThrow(/not a web address/);
    expect(() => checkHubUrl('https://user:pw@hub.example.com')).toThrow(/user name or password/);
  });
});
