import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck } from '../../../src-shared/contract/ipc.contract';
import { SANDBOX_READONLY_USER } from '../../../src-main/training/odoo-sandbox/seed-data';
import { deadUrl } from '../../../src-hub/features/relay/odoo-stub.fixture';
import { addDealership, newService, sessionFor, startWonEnv, type TestUser, type WonEnv } from './won-env.fixture';

/** Test Connection through the hub's relay: a good, a read-only, an unreachable and a wrongly keyed dealer. */

let env: WonEnv;

beforeAll(async () => {
  env = await startWonEnv();
});
afterAll(() => env.close());

const MODELS = [
  { vehicleModel: 'Vios', productCode: 'Vios' },
  { vehicleModel: 'Fortuner', productCode: 'TOY-FORTUNER' },
  { vehicleModel: 'Supra', productCode: 'TOY-SUPRA' },
];

function run(dealershipId: string, user: TestUser = env.manager): Promise<ConnectionCheck[]> {
  return newService(env, { session: sessionFor(env, user, env.hub.hub.url) }).service.testConnection(dealershipId);
}

const summary = (checks: ConnectionCheck[]) => checks.map((check) => [check.id, check.ok]);

describe('Test Connection', () => {
  it('passes every check on a good dealer, and names each missing vehicle model', async () => {
    const dealer = await addDealership(env, { name: 'Good Motors', models: MODELS });
    const checks = await run(dealer.id);
    expect(summary(checks)).toEqual([
      ['reachable', true],
      ['authentication', true],
      ['create-right', true],
      ['model:Vios', true],
      ['model:Fortuner', true],
      ['model:Supra', false],
    ]);
    expect(checks[0]?.message).toContain('Odoo 18.0');
    expect(checks[1]?.message).toContain('bpo@sandbox.local');
    expect(checks[4]?.message).toContain('Toyota Fortuner');
    expect(checks[5]?.message).toMatch(/Good Motors.*"Supra"/);
    // Only what the relay allows was asked, and nothing was written.
    expect(env.sandbox.inspect.saleOrders()).toEqual([]);
  });

  it('fails only the create right on a read-only dealer user, with what to do', async () => {
    const dealer = await addDealership(env, { name: 'Readonly Motors', login: SANDBOX_READONLY_USER.login, apiKey: SANDBOX_READONLY_USER.apiKey, models: MODELS.slice(0, 1) });
    const checks = await run(dealer.id);
    expect(summary(checks)).toEqual([
      ['reachable', true],
      ['authentication', true],
      ['create-right', false],
      ['model:Vios', true],
    ]);
    expect(checks[2]?.message).toMatch(/may not create Sales Orders.*Sales \/ User right/);
  });

  it('reports an unreachable dealer and leaves the other checks open', async () => {
    const dealer = await addDealership(env, { name: 'Offline Motors', url: await deadUrl(), models: MODELS.slice(0, 1) });
    const checks = await run(dealer.id);
    expect(summary(checks)).toEqual([
      ['reachable', false],
      ['authentication', false],
      ['create-right', false],
      ['model:Vios', false],
    ]);
    expect(checks[0]?.message).toMatch(/Offline Motors.*could not be reached/);
    expect(checks[1]?.message).toBe('Not checked: the Odoo server could not be reached.');
  });

  it('fails the sign-in on a wrong API key', async () => {
    const dealer = await addDealership(env, { name: 'Wrong Key Motors', apiKey: 'not-the-key', models: [] });
    const checks = await run(dealer.id);
    expect(summary(checks)).toEqual([
      ['reachable', true],
      ['authentication', false],
      ['create-right', false],
    ]);
    expect(checks[1]?.message).toContain('refused the login "bpo@sandbox.local"');
  });

  it('tells agents and supervisors to ask a manager, naming the dealership', async () => {
    const dealer = await addDealership(env, { name: 'Agents Motors' });
    for (const user of [env.agent, env.supervisor]) {
      await expect(run(dealer.id, user)).rejects.toMatchObject({
        appError: { code: 'forbidden', message: 'Only managers can run Test Connection. Ask a manager to run Test Connection on dealership "Agents Motors".' },
      });
    }
  });
});
