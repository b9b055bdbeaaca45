import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineSetup } from '../../src-main/config/machine-config';
import { MainCore } from '../../src-main/core/main-core';
import { FileSecretStore } from '../../src-main/session/secret-store';
import { createUser, startTestHub, TEST_PASSWORD, type TestHub } from '../../src-hub/testing/hub-test-env';
import { testCipher } from '../harness/app-harness';
import { dexieReplica } from './replica-port.fixture';

/**
 * A provisioned workstation against a hub whose TLS certificate IT's own authority issued: the machine-wide
 * file's CA certificate is what lets the sign-in, the REST calls and the event stream through; without it the
 * certificate is refused, as it must be.
 */
describe('a hub behind a private certificate authority', () => {
  let env: TestHub;
  let cert: string;
  let hubUrl: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'private-ca-'));
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=BPO floor hub', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    env = await startTestHub('pglite', {}, { tls: { cert: Buffer.from(cert), key: readFileSync(join(dir, 'key.pem')) } });
    hubUrl = env.hub.url;
    expect(hubUrl.startsWith('https://127.0.0.1:')).toBe(true);
    await createUser(env.db, 'maria', 'agent', 'Maria Santos');
  });
  afterAll(() => env.close());

  function core(machine: MachineSetup | undefined, states: string[] = []) {
    return new MainCore({
      appInfo: { version: 'test', platform: 'linux' },
      sessionStore: new FileSecretStore(join(mkdtempSync(join(tmpdir(), 'ca-main-')), 'session.bin'), testCipher()),
      replica: dexieReplica().port,
      emit: (event, payload) => {
        if (event === 'connection:state') states.push((payload as { state: string }).state);
      },
      periodicPullMs: 0,
      hubClient: { timeoutMs: 3000, retryDelaysMs: [50] },
      logError: () => undefined,
      ...(machine ? { machine } : {}),
    });
  }

  it('signs in to the configured hub with the CA from the machine-wide file, and the event stream comes online', async () => {
    const states: string[] = [];
    const main = core({ kind: 'provisioned', file: '/etc/bpo-crm/config.json', hubUrl, hubName: 'Manila floor', caCertificate: cert, allowTrainingMode: false }, states);
    expect((await main.handlers['app:info'](undefined)).machine).toEqual({ kind: 'provisioned', hubName: 'Manila floor', trainingAllowed: false });
    const user = await main.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD });
    expect(user.login).toBe('maria');
    expect(await main.handlers['sync:pull'](undefined)).toEqual({});
    await expect.poll(() => states.includes('online'), { timeout: 10_000 }).toBe(true);
    main.stop();
  });

  it("refuses the hub's certificate without IT's CA, and a provisioned workstation refuses other hubs and training mode", async () => {
    const plain = core(undefined);
    await expect(plain.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD, hubUrl })).rejects.toMatchObject({ appError: { code: 'hub_unreachable' } });
    plain.stop();
    const provisioned = core({ kind: 'provisioned', file: '/etc/bpo-crm/config.json', hubUrl, hubName: 'Manila floor', caCertificate: cert, allowTrainingMode: false });
    await expect(provisioned.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD, hubUrl: 'https://other.example' })).rejects.toMatchObject({
      appError: { message: 'This computer signs in to Manila floor only (set by IT).' },
    });
    await expect(provisioned.handlers['auth:sign-in']({ login: 'maria', password: TEST_PASSWORD, training: true })).rejects.toMatchObject({
      appError: { message: 'Training mode is turned off on this computer by IT.' },
    });
    provisioned.stop();
  });
});
