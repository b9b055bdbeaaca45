import { join } from 'node:path';
import { DEMO_DEALERSHIPS, DEMO_PASSWORD } from '../../src-hub/features/seed/demo-data';
import { startHub, type RunningHub } from '../../src-hub/start-hub';
import { makePrivateFolder } from '../lifecycle/private-folder';
import { startOdooSandbox, type OdooSandbox } from './odoo-sandbox/odoo-sandbox.server';
import { SANDBOX_COMPANIES, SANDBOX_DATABASE, SANDBOX_USER } from './odoo-sandbox/seed-data';

interface Running {
  hub: RunningHub;
  dealer: OdooSandbox;
}

/** Every vehicle model of the demo dealerships exists as a product on the sandbox dealer. */
const DEMO_PRODUCTS = DEMO_DEALERSHIPS.flatMap((dealer) => dealer.models.map((model) => ({ defaultCode: model, name: `${dealer.brands[0]} ${model}` })));

/**
 * Training mode: with no hub configured the app runs its own, embedded in the user-data folder (PGlite,
 * the demo seed), plus a sandbox dealer speaking Odoo's JSON-RPC that the demo dealerships point at — so a
 * fresh install works from claim to Sales Order. Started on first need, stopped with the app.
 */
export class TrainingHub {
  private running: Promise<Running> | null = null;

  constructor(
    private readonly userDataDir: string,
    private readonly options: { demoLeads?: number } = {},
  ) {}

  /** The sandbox dealer of this run (tests inspect its orders). */
  async dealer(): Promise<OdooSandbox> {
    this.running ??= this.start();
    return (await this.running).dealer;
  }

  url(): Promise<string> {
    this.running ??= this.start();
    return this.running.then((running) => running.hub.url);
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (!running) return;
    const { hub, dealer } = await running;
    await hub.close();
    await dealer.close();
  }

  private async start(): Promise<Running> {
    // The database holds every user's password hash and the leads: for this OS user's eyes only.
    const dataDir = makePrivateFolder(join(this.userDataDir, 'training-hub'));
    const dealer = await startOdooSandbox({ products: DEMO_PRODUCTS, faultInjection: false });
    const hub = await startHub({
      storage: { dataDir, databaseUrl: undefined },
      host: '127.0.0.1',
      port: 0,
      demo: { leads: this.options.demoLeads ?? 50 },
    });
    try {
      await connectDemoDealerships(hub.url, dealer.url);
    } catch (error) {
      await hub.close();
      await dealer.close();
      throw error;
    }
    return { hub, dealer };
  }
}

/** Points the demo dealerships at this run's sandbox dealer (its port changes every start), as a manager would. */
async function connectDemoDealerships(hubUrl: string, dealerUrl: string): Promise<void> {
  const base = `${hubUrl}/api/v1`;
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'manager1', password: DEMO_PASSWORD }) });
  if (!login.ok) return; // the training manager was changed by the user: leave the dealerships as they are
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const dealerships = (await (await fetch(`${base}/dealerships`, { headers })).json()) as Array<{ id: string; code: string }>;
  const demoCodes = new Set<string>(DEMO_DEALERSHIPS.map((dealer) => dealer.code));
  for (const dealership of dealerships.filter((item) => demoCodes.has(item.code))) {
    // The sandbox has two companies: the demo dealerships sell in the first, as a manager would choose.
    const [company] = SANDBOX_COMPANIES;
    const connection = { url: dealerUrl, database: SANDBOX_DATABASE, login: SANDBOX_USER.login, apiKey: SANDBOX_USER.apiKey, ...(company ? { company } : {}) };
    const answer = await fetch(`${base}/dealerships/${dealership.id}`, { method: 'PATCH', headers, body: JSON.stringify({ connection }) });
    if (!answer.ok) throw new Error(`Training mode could not connect ${dealership.code} to the sandbox dealer: ${await answer.text()}`);
  }
  await fetch(`${base}/auth/logout`, { method: 'POST', headers });
}
