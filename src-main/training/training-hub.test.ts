import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { quitAfterCleanup } from '../lifecycle/quit-after-cleanup';
import { TrainingHub } from './training-hub';

describe('training mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'training-'));
  const training = new TrainingHub(dir, { demoLeads: 8 });
  afterAll(() => training.stop());

  it('runs a demo hub in the user-data folder with its dealerships pointed at a sandbox dealer', async () => {
    const url = await training.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await training.url()).toBe(url);
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'manager1', password: 'training' }) });
    const { token } = (await login.json()) as { token: string };
    const dealerships = (await (await fetch(`${url}/api/v1/dealerships`, { headers: { authorization: `Bearer ${token}` } })).json()) as Array<{ id: string; connection: { url: string; hasApiKey: boolean } | null }>;
    expect(dealerships).toHaveLength(2);
    for (const dealership of dealerships) {
      expect(dealership.connection).toMatchObject({ database: 'sandbox', login: 'bpo@sandbox.local', hasApiKey: true, company: { id: 1, name: 'Sandbox Motors' } });
      // The sandbox answers through the hub's relay, as the Won flow will use it.
      const lease = (await (await fetch(`${url}/api/v1/dealerships/${dealership.id}/test-lease`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json()) as { leaseId: string };
      const version = await fetch(`${url}/api/v1/dealer-relay/${dealership.id}/jsonrpc`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-relay-lease': lease.leaseId, 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'common', method: 'version', args: [] }, id: 1 }),
      });
      expect(((await version.json()) as { result: { server_version: string } }).result.server_version).toBe('18.0');
    }
    const dealer = await training.dealer();
    expect(() => dealer.faults.refuseConnections()).toThrow(/disabled/);
  }, 60_000);

  it.skipIf(process.platform === 'win32')('keeps its database folder for this OS user only (0700)', async () => {
    await training.url();
    expect(statSync(join(dir, 'training-hub')).mode & 0o777).toBe(0o700);
  });

  it('quitting the app waits for the hub to stop: the database is closed and its lock released before the quit', async () => {
    const url = await training.url();
    const lock = join(dir, 'training-hub', 'hub.lock');
    expect(existsSync(lock)).toBe(true);
    const atQuit: { lockHeld?: boolean; answering?: boolean } = {};
    const quit = vi.fn(() => {
      atQuit.lockHeld = existsSync(lock);
    });
    let prevented = false;
    quitAfterCleanup({ cleanup: () => training.stop(), limitMs: 30_000, quit, logError: vi.fn() })({ preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    atQuit.answering = await fetch(`${url}/api/v1/health`).then(
      () => true,
      () => false,
    );
    expect(atQuit).toEqual({ lockHeld: false, answering: false });
  }, 60_000);
});
