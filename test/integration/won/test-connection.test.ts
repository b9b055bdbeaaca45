import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck, TestConnectionOutput } from '../../../src-shared/contract/ipc.contract';
import { SANDBOX_MANAGER_USER, SANDBOX_NOCONTACT_USER, SANDBOX_OWN_USER, SANDBOX_READONLY_USER } from '../../../src-main/training/odoo-sandbox/seed-data';
import { deadUrl } from '../../../src-hub/features/relay/odoo-stub.fixture';
import { addDealership, newService, sessionFor, startWonEnv, type TestUser, type WonEnv } from './won-env.fixture';

/**
 * Test Connection through the hub's relay against each sandbox dealer setup: one line per thing Mark as
 * Won needs, each failing one naming what to change in Odoo's own menu words.
 */

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
const SOUTH = { id: 1, name: 'Sandbox Motors' };
const NORTH = { id: 2, name: 'Sandbox Motors North' };
const USER_FORM = 'Settings → Users & Companies → Users →';

function run(dealershipId: string, user: TestUser = env.manager): Promise<TestConnectionOutput> {
  return newService(env, { session: sessionFor(env, user, env.hub.hub.url) }).service.testConnection(dealershipId);
}

const summary = (checks: ConnectionCheck[]) => checks.map((check) => [check.id, check.ok]);
const message = (checks: ConnectionCheck[], id: string) => checks.find((check) => check.id === id)?.message ?? '';

describe('Test Connection', () => {
  it('passes every line for the integration user with All Documents and Contact Creation, and lists its companies', async () => {
    const dealer = await addDealership(env, { name: 'Good Motors', models: MODELS, company: SOUTH });
    const { checks, companies } = await run(dealer.id);
    expect(summary(checks)).toEqual([
      ['reachable', true],
      ['authentication', true],
      ['company', true],
      ['order-create', true],
      ['contact-create', true],
      ['own-documents', true],
      ['model:Vios', true],
      ['model:Fortuner', true],
      ['model:Supra', false],
    ]);
    expect(companies).toEqual([SOUTH, NORTH]);
    expect(message(checks, 'reachable')).toContain('Odoo 18.0');
    expect(message(checks, 'authentication')).toContain('bpo@sandbox.local');
    expect(message(checks, 'company')).toBe('Sales Orders are created in "Sandbox Motors", the company chosen for this dealership.');
    expect(message(checks, 'model:Fortuner')).toContain('Toyota Fortuner');
    expect(message(checks, 'model:Supra')).toMatch(/Good Motors.*"Supra"/);
    // Only what the relay allows was asked, and nothing was written.
    expect(env.sandbox.inspect.saleOrders()).toEqual([]);
  });

  it('fails the company line when none is chosen and the user may use several, and checks products per company', async () => {
    const none = await run((await addDealership(env, { name: 'No Company Motors', models: MODELS.slice(0, 1) })).id);
    expect(summary(none.checks).find(([id]) => id === 'company')).toEqual(['company', false]);
    expect(message(none.checks, 'company')).toMatch(/may use several \("Sandbox Motors", "Sandbox Motors North"\).*Configuration → Dealerships/);
    const hiace = [{ vehicleModel: 'Hiace', productCode: 'Hiace' }];
    const south = await run((await addDealership(env, { name: 'South Motors', models: hiace, company: SOUTH })).id);
    expect(message(south.checks, 'model:Hiace')).toMatch(/no sellable product.*Company is empty/);
    const north = await run((await addDealership(env, { name: 'North Motors', models: hiace, company: NORTH })).id);
    expect(north.checks.find((check) => check.id === 'model:Hiace')).toMatchObject({ ok: true, message: expect.stringContaining('for sale in "Sandbox Motors North"') });
  });

  it('says which settings a read-only user lacks, and names Allowed Companies for a company it may not use', async () => {
    const readonly = { login: SANDBOX_READONLY_USER.login, apiKey: SANDBOX_READONLY_USER.apiKey };
    const { checks } = await run((await addDealership(env, { name: 'Readonly Motors', ...readonly, models: MODELS.slice(0, 1), company: SOUTH })).id);
    expect(summary(checks)).toEqual([
      ['reachable', true],
      ['authentication', true],
      ['company', true],
      ['order-create', false],
      ['contact-create', false],
      ['own-documents', false],
      ['model:Vios', true],
    ]);
    expect(message(checks, 'order-create')).toContain(`${USER_FORM} "readonly@sandbox.local" → Access Rights tab → Sales: choose "User: All Documents".`);
    expect(message(checks, 'contact-create')).toContain('Extra Rights: tick "Contact Creation"');
    const elsewhere = await run((await addDealership(env, { name: 'Elsewhere Motors', ...readonly, models: [], company: NORTH })).id);
    expect(message(elsewhere.checks, 'company')).toContain('Multi Companies: add "Sandbox Motors North" to Allowed Companies');
    expect(elsewhere.companies).toEqual([SOUTH]);
  });

  it('tells a user without Contact Creation to tick it (not a Sales right), and an own-documents user that it works', async () => {
    const nocontact = await run((await addDealership(env, { name: 'NoContact Motors', ...SANDBOX_NOCONTACT_USER, models: [], company: SOUTH })).id);
    expect(summary(nocontact.checks).filter(([, ok]) => !ok)).toEqual([['contact-create', false]]);
    expect(message(nocontact.checks, 'contact-create')).toBe(
      'The integration user may not create contacts, so Mark as Won fails for every customer new to the dealer. In the dealer\'s Odoo: Settings → Users & Companies → Users → "nocontact@sandbox.local" → Access Rights tab → Extra Rights: tick "Contact Creation" (that section shows in developer mode: Settings → Activate the developer mode).',
    );
    const own = await run((await addDealership(env, { name: 'Own Motors', ...SANDBOX_OWN_USER, models: [], company: SOUTH })).id);
    expect(own.checks.every((check) => check.ok)).toBe(true);
    expect(message(own.checks, 'own-documents')).toMatch(/^Bound to its own documents.*Mark as Won still works.*second one.*Recommended:.*"User: All Documents"/);
    const manager = await run((await addDealership(env, { name: 'Manager Motors', ...SANDBOX_MANAGER_USER, models: [], company: SOUTH })).id);
    expect(manager.checks.every((check) => check.ok)).toBe(true);
    for (const checks of [nocontact.checks, own.checks, manager.checks]) expect(checks.map((check) => check.message).join(' ')).not.toMatch(/Sales \/ User right/);
  });

  it('reports an unreachable dealer and leaves the other checks open', async () => {
    const dealer = await addDealership(env, { name: 'Offline Motors', url: await deadUrl(), models: MODELS.slice(0, 1) });
    const { checks, companies } = await run(dealer.id);
    expect(summary(checks)).toEqual([
      ['reachable', false],
      ['authentication', false],
      ['company', false],
      ['order-create', false],
      ['contact-create', false],
      ['own-documents', false],
      ['model:Vios', false],
    ]);
    expect(companies).toEqual([]);
    expect(checks[0]?.message).toMatch(/Offline Motors.*could not be reached/);
    expect(checks[1]?.message).toBe('Not checked: the Odoo server could not be reached.');
  });

  it('fails the sign-in on a wrong API key', async () => {
    const dealer = await addDealership(env, { name: 'Wrong Key Motors', apiKey: 'not-the-key', models: [] });
    const { checks } = await run(dealer.id);
    expect(summary(checks)).toEqual([
      ['reachable', true],
      ['authentication', false],
      ['company', false],
      ['order-create', false],
      ['contact-create', false],
      ['own-documents', false],
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
