import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_DEALERSHIPS, DEMO_USERS } from '../../../src-hub/features/seed/demo-data';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/security/content-security-policy';
import { startOdooSandbox, type OdooSandbox } from '../../../src-main/training/odoo-sandbox/odoo-sandbox.server';
import { SANDBOX_DATABASE, SANDBOX_USER } from '../../../src-main/training/odoo-sandbox/seed-data';
import { openApp, type AppHandle } from '../../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../../harness/build-renderer';
import { launchChromium } from '../../harness/chromium';
import { recordProxiedContract } from '../../../src-hub/testing/contract-recorder';
import { HubProxy } from '../../harness/hub-proxy';
import { serveRenderer } from '../../harness/static-server';
import { signInAs } from '../ui-kit';
import { FloorHub } from './floor-hub';
import { HubApi } from './hub-api';
import { screenshot } from '../screenshot';

export const FLOOR_SHOTS = join(process.cwd(), 'test/e2e/screenshots/floor');

export type DemoLogin = (typeof DEMO_USERS)[number]['login'];

const DEMO_PRODUCTS = DEMO_DEALERSHIPS.flatMap((dealer) => dealer.models.map((model) => ({ defaultCode: model, name: `${dealer.brands[0]} ${model}` })));

/**
 * One person at a workstation: their own app (browser context, main core, user-data folder) on their own
 * network path to the hub. Every step names the person, the step and, in its assertions, what was expected.
 */
export class FloorUser {
  private shots = 0;

  constructor(
    readonly login: DemoLogin,
    readonly name: string,
    public app: AppHandle,
    readonly proxy: HubProxy,
    private readonly scenario: string,
  ) {}

  get page(): Page {
    return this.app.page;
  }

  /** Runs one step; a failure says who, which step and what went wrong, with a screenshot of their screen. */
  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      await this.shot(name);
      return result;
    } catch (error) {
      await this.shot(`FAILED ${name}`, { evenUnwanted: true }).catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${this.login} (${this.name}), step "${name}": ${message}`, { cause: error });
    }
  }

  /** `expect(…, says(...))`: the assertion's message names the user too. */
  says(expected: string): string {
    return `${this.login}: expected ${expected}`;
  }

  /** A screenshot of their screen when screenshots are wanted (E2E_SCREENSHOTS=1); a failed step's in any case. */
  async shot(name: string, { evenUnwanted = false } = {}): Promise<void> {
    this.shots += 1;
    const file = `${this.scenario}-${this.login}-${String(this.shots).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
    const path = join(FLOOR_SHOTS, file);
    await (evenUnwanted ? this.page.screenshot({ path }) : screenshot(this.page, path));
  }
}

/**
 * A floor for one scenario: the hub as its own process on PGlite (demo seed), the sandbox Odoo dealer the
 * demo dealerships point at, the renderer served as the packaged app would load it, and real Chromium.
 */
export class Floor {
  readonly users: FloorUser[] = [];

  private constructor(
    private readonly scenario: string,
    readonly browser: Browser,
    private readonly renderer: { origin: string; close: () => Promise<void> },
    readonly hub: FloorHub,
    readonly dealer: OdooSandbox,
    /** The scripts' own path to the hub (intake feed, supervisors' API calls), recorded for the contract check. */
    private readonly scripts: HubProxy,
  ) {}

  static async open(scenario: string): Promise<Floor> {
    await ensureRendererBuilt();
    mkdirSync(FLOOR_SHOTS, { recursive: true });
    const [renderer, browser, dealer, hub] = await Promise.all([
      serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY),
      launchChromium(),
      startOdooSandbox({ products: DEMO_PRODUCTS }),
      FloorHub.start(mkdtempSync(join(tmpdir(), `floor-${scenario}-hub-`))),
    ]);
    const scripts = await HubProxy.start(hub.url, recordProxiedContract(() => hub.url));
    const floor = new Floor(scenario, browser, renderer, hub, dealer, scripts);
    await floor.connectDealerships();
    return floor;
  }

  /** The hub's address as scripts reach it (not through a workstation's proxy). */
  hubUrl = (): string => this.scripts.url;

  api(login: DemoLogin): Promise<HubApi> {
    return HubApi.signIn(this.hubUrl, login);
  }

  intake(): HubApi {
    return HubApi.intake(this.hubUrl);
  }

  /** A person sits down at a workstation and signs in (training mode: the demo user's button). */
  async join(login: DemoLogin): Promise<FloorUser> {
    // The workstation's traffic is checked against the hub's OpenAPI document (the contract check).
    const proxy = await HubProxy.start(this.hub.url, recordProxiedContract(() => this.hub.url));
    const app = await this.openWorkstation(proxy);
    const name = DEMO_USERS.find((user) => user.login === login)?.name ?? login;
    const user = new FloorUser(login, name, app, proxy, this.scenario);
    this.users.push(user);
    await user.step('sign in', () => signInAs(app.page, login));
    return user;
  }

  /** Closes the user's app and opens it again on the same profile and user-data folder (a restart of the app). */
  async restartApp(user: FloorUser): Promise<void> {
    const previous = user.app;
    await previous.close();
    user.app = await openApp({
      browser: this.browser,
      rendererOrigin: this.renderer.origin,
      context: previous.context,
      userDataDir: previous.userDataDir,
      cipher: previous.cipher,
      core: { defaultHubUrl: async () => user.proxy.url },
    });
    // A restarted app opens locked (hot-desking): the same person unlocks it with their password.
    const page = user.app.page;
    await page.getByRole('form', { name: 'Locked' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Password').fill('training');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('form', { name: 'Locked' }).waitFor({ state: 'detached', timeout: 20_000 });
  }

  /** The hub process is killed and started again on the same data; every workstation's path follows it. */
  async killAndRestartHub(): Promise<void> {
    await this.hub.killAndRestart();
    for (const user of this.users) user.proxy.retarget(this.hub.url);
    this.scripts.retarget(this.hub.url);
  }

  async close(): Promise<void> {
    for (const user of this.users) {
      await user.app.close().catch(() => undefined);
      await user.proxy.close().catch(() => undefined);
    }
    await this.scripts.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.hub.kill().catch(() => undefined);
    await this.dealer.close().catch(() => undefined);
    await this.renderer.close().catch(() => undefined);
  }

  private openWorkstation(proxy: HubProxy): Promise<AppHandle> {
    return openApp({ browser: this.browser, rendererOrigin: this.renderer.origin, core: { defaultHubUrl: async () => proxy.url } });
  }

  private async connectDealerships(): Promise<void> {
    const manager = await this.api('manager1');
    const dealerships = await manager.read<Array<{ id: string; code: string }>>('/dealerships');
    const codes = new Set<string>(DEMO_DEALERSHIPS.map((dealer) => dealer.code));
    for (const dealership of dealerships.filter((item) => codes.has(item.code))) {
      const connection = { url: this.dealer.url, database: SANDBOX_DATABASE, login: SANDBOX_USER.login, apiKey: SANDBOX_USER.apiKey };
      const answer = await manager.patch(`/dealerships/${dealership.id}`, { connection });
      if (answer.status !== 200) throw new Error(`could not connect ${dealership.code} to the sandbox dealer: ${JSON.stringify(answer.body)}`);
    }
  }
}
