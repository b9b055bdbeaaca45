import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
});
