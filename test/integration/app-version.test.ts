import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MainCore } from '../../src-main/core/main-core';
import { FileSecretStore } from '../../src-main/session/secret-store';
import { AppFailure } from '../../src-main/ipc/app-failure';
import { createLead, createUser, startTestHub, TEST_PASSWORD, type TestHub } from '../../src-hub/testing/hub-test-env';
import { testCipher } from '../harness/app-harness';
import { dexieReplica } from './replica-port.fixture';

/**
 * Old workstations against a newer hub (issue 22, item 8): the app names its version on every request, the hub
 * names the oldest it serves on every answer and refuses an older app with 426 `update_required`; main says so
 * (connection state `update_required`, the renderer's "Update required" banner) and keeps the session read-only.
 */
const MIN = '1.4.0';
let env: TestHub;
let base: string;
let events: Array<[string, unknown]> = [];

beforeAll(async () => {
  env = await startTestHub('postgres', { minAppVersion: MIN });
  base = env.url.replace(/\/api\/v1$/, '');
  await createUser(env.db, 'maria', 'agent', 'Maria Santos');
});
afterAll(() => env.close());
beforeEach(() => {
  events = [];
});

const login = (headers: Record<string, string>) =>
  fetch(`${env.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ login: 'maria', password: TEST_PASSWORD }) });

function core(version: string, dir = mkdtempSync(join(tmpdir(), 'version-core-')), cipher = testCipher()) {
  const main = new MainCore({
    appInfo: { version, platform: 'linux' },
    sessionStore: new FileSecretStore(join(dir, 'session.bin'), cipher),
    replica: dexieReplica().port,
    emit: (event, payload) => events.push([event, payload]),
    defaultHubUrl: async () => base,
    periodicPullMs: 0,
    hubClient: { timeoutMs: 2000, retryDelaysMs: [50] },
    eventBackoffMs: [100],
  });
  return { main, dir, cipher };
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof AppFailure ? error.appError : error));

describe('the hub and the app version', () => {
  it('refuses an older app with 426 update_required naming both versions, and says the oldest it serves on every answer', async () => {
    const old = await login({ 'x-app-version': '1.3.9' });
    expect(old.status).toBe(426);
    expect(old.headers.get('x-hub-min-app-version')).toBe(MIN);
    const body = (await old.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('update_required');
    expect(body.error.message).toMatch(/^Update required: this app is version 1\.3\.9 and the hub serves version 1\.4\.0 or later\./);
    // A pre-release of the minimum comes before it.
    expect((await login({ 'x-app-version': '1.4.0-beta.1' })).status).toBe(426);

    for (const version of ['1.4.0', '1.10.0', '2.0.0-rc.1']) {
      const served = await login({ 'x-app-version': version });
      expect(served.status, version).toBe(200);
      expect(served.headers.get('x-hub-min-app-version')).toBe(MIN);
    }
    // Other clients (the distributor feed, scripts, probes) name no version and are served as before.
    expect((await login({})).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).headers.get('x-hub-min-app-version')).toBe(MIN);
  });

  it('answers a malformed version with 400 naming the header', async () => {
    const bad = await login({ 'x-app-version': 'latest' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'invalid_input' });
    expect(body.error.message).toContain('x-app-version');
  });

  it('lists the header and the 426 in the OpenAPI document', async () => {
    const document = (await (await fetch(`${env.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>> };
    const claim = document.paths['/api/v1/leads/{id}/claim']?.['post'];
    expect(claim?.parameters).toContainEqual(expect.objectContaining({ name: 'X-App-Version', in: 'header' }));
    expect(claim?.responses['426']).toBeTruthy();
    expect(document.paths['/healthz']?.['get']?.responses['426']).toBeUndefined();
  });
});

describe('main with a hub that no longer serves its version', () => {
  it('signs in with the current version; an older one gets "Update required" instead', async () => {
    const current = core(MIN);
    expect((await current.main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD })).login).toBe('maria');
    current.main.stop();

    const old = core('1.3.0');
    const refused = await failureOf(old.main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD }));
    expect(refused).toMatchObject({ code: 'update_required' });
    expect((refused as { message: string }).message).toMatch(/^Update required:/);
    old.main.stop();
  });

  it('keeps a stored session read-only after the hub moved on, shows update_required, and refuses changes with it', async () => {
    const lead = await createLead(env.db);
    const before = core(MIN);
    await before.main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    before.main.stop();

    // The same computer, now running an app the hub no longer serves (the hub's minimum went up past it).
    const after = core('1.3.0', before.dir, before.cipher);
    await after.main.start();
    const session = await after.main.handlers['auth:session'](undefined);
    expect(session).toMatchObject({ user: { login: 'maria' }, online: false });
    await vi.waitFor(() => expect(events).toContainEqual(['connection:state', expect.objectContaining({ state: 'update_required', online: false })]), { timeout: 10_000 });
    // A restarted app opens locked (hot-desking); the hub answers 426, so the offline check unlocks it.
    await after.main.handlers['auth:unlock']({ password: TEST_PASSWORD });
    expect(await after.main.handlers['auth:session'](undefined)).toMatchObject({ locked: false });
    expect(await failureOf(after.main.handlers['leads:claim']({ leadId: lead.id }))).toMatchObject({ code: 'update_required' });
    after.main.stop();
  });
});
