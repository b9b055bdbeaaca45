import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMail } from '../../src-hub/features/mail/mail-outbox.repo';
import { wonManagerMail } from '../../src-hub/features/mail/mail-templates';
import { DEMO_DEALERSHIPS } from '../../src-hub/features/seed/demo-data';
import { noWonStageMessage } from '../../src-hub/features/won/won-messages';
import type { RunningHub } from '../../src-hub/start-hub';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { startOdooSandbox, type OdooSandbox } from '../../src-main/training/odoo-sandbox/odoo-sandbox.server';
import { SANDBOX_DATABASE, SANDBOX_MANAGER_USER, SANDBOX_NOCONTACT_USER, SANDBOX_OWN_USER, SANDBOX_READONLY_USER, SANDBOX_USER } from '../../src-main/training/odoo-sandbox/seed-data';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { startDemoHub } from '../harness/demo-hub';
import { serveRenderer } from '../harness/static-server';
import { screenshot } from './screenshot';

/**
 * The manager's Configuration screens in real Chromium, one demo hub and one manager window for the file: (a) removing
 * the won flag from every stage makes an agent's Mark as Won fail with the documents' "No won stage
 * configured"; (b) a dealership set up against the sandbox dealer: Test Connection lists its Odoo companies,
 * passes every line once one is chosen, and tells each sandbox integration user what its Odoo lacks;
 * (c) reorder by drag, and a screenshot of each screen.
 */
// Git-ignored: docs/screenshots is written only by `npm run screenshots`, never by a test run.
const SHOTS = join(process.cwd(), 'test/e2e/screenshots');
const DEMO_PRODUCTS = DEMO_DEALERSHIPS.flatMap((dealer) => dealer.models.map((model) => ({ defaultCode: model, name: `${dealer.brands[0]} ${model}` })));

/** Names the step in every failure, with a screenshot of where it stopped. */
async function step<T>(name: string, page: Page, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await page.screenshot({ path: join(SHOTS, `config-failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`) }).catch(() => undefined);
    throw new Error(`${name} — ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${login} `) }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status', { name: /Hub connection: Online/ }).waitFor({ timeout: 20_000 });
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const stageList = (page: Page) => page.getByRole('list', { name: 'Stages by sequence' });
const stageRow = (page: Page, name: string) => stageList(page).getByRole('listitem', { name, exact: true });
/** One attribute of each element, in order (this side has no DOM types, so no evaluateAll). */
const attributesOf = async (items: Locator, ...names: string[]) =>
  Promise.all((await items.all()).map(async (item) => (await Promise.all(names.map((name) => item.getAttribute(name)))).join(':')));
const stageNames = (page: Page) => attributesOf(stageList(page).locator('> li'), 'aria-label');

/** Configuration's Stages tab (the manager's window may still be on another tab from the test before). */
async function openConfiguration(page: Page): Promise<void> {
  await menu(page).getByRole('button', { name: 'Configuration' }).click();
  await tab(page, 'Stages').click();
  await stageList(page).waitFor({ timeout: 10_000 });
}

/** A screenshot of the screen as a manager sees it, without the toasts of the steps before. */
async function shot(page: Page, name: string): Promise<void> {
  const close = page.getByLabel('Notifications').getByRole('button', { name: 'Dismiss' });
  while ((await close.count()) > 0) await close.first().click();
  await screenshot(page, join(SHOTS, `config-${name}.png`));
}

/** A real pointer drag for dnd-kit's PointerSensor (activation distance 5 px), ending on the target's upper part. */
async function drag(page: Page, handle: Locator, target: Locator): Promise<void> {
  const a = await handle.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error('drag: handle or target not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 2, a.y + a.height / 2 + 8, { steps: 4 });
  await page.mouse.move(b.x + 40, b.y + b.height / 3, { steps: 15 });
  await page.mouse.up();
}

describe('Configuration in real Chromium', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let dealer: OdooSandbox;
  // One hub and one manager window for the three tests: a hub of each test's own and a window with a sign-in of
  // its own cost about 3 CPU-s each (PGlite, the demo seed, a first sync). What a test changes that a later one
  // reads, it puts back: (a) its won flags.
  let hub: RunningHub;
  let manager: Page;
  const apps: AppHandle[] = [];

  const app = async () => {
    const opened = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url } });
    apps.push(opened);
    return opened;
  };

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
    browser = await launchChromium();
    dealer = await startOdooSandbox({ products: DEMO_PRODUCTS });
    hub = await startDemoHub('config', 12);
    manager = (await app()).page;
    await signIn(manager, 'manager1');
  }, 180_000);

  afterAll(async () => {
    for (const opened of apps) await opened.close().catch(() => undefined);
    await browser?.close();
    await hub?.close().catch(() => undefined);
    await dealer?.close().catch(() => undefined);
    await renderer?.close();
  });

  it('(a) with the won flag removed from every stage, an agent’s Mark as Won says "No won stage configured"', async () => {
    await withTimeLimit(110_000, 'no won stage', (async () => {
      // The demo's stage set is fresh and no lead is in a won stage, so the flags may change; they are put back below.
      const checkedWon = stageList(manager).getByRole('checkbox', { name: 'Won', checked: true });
      const wonStages: string[] = [];
      await step('manager removes the won flag from every stage', manager, async () => {
        await openConfiguration(manager);
        // The stages come with the first sync: wait for them rather than count an empty list.
        await expect.poll(() => checkedWon.count(), { message: 'the demo stage set has a won stage', timeout: 20_000 }).toBeGreaterThan(0);
        expect(await manager.getByText(/^No won stage configured/).count(), 'no warning while a stage is won').toBe(0);
        for (const row of await stageList(manager).locator('> li').all()) {
          if (await row.getByRole('checkbox', { name: 'Won' }).isChecked()) wonStages.push((await row.getAttribute('aria-label')) ?? '');
        }
        while ((await checkedWon.count()) > 0) {
          const before = await checkedWon.count();
          await checkedWon.first().uncheck();
          await expect.poll(() => checkedWon.count(), { timeout: 10_000 }).toBe(before - 1);
        }
        const banner = manager.getByRole('alert').filter({ hasText: 'No won stage configured' });
        await banner.waitFor({ timeout: 5_000 });
        expect(await banner.textContent()).toMatch(/^No won stage configured — Mark as Won fails until a stage is marked Won\.$/);
        await shot(manager, 'stages-no-won');
      });

      const agentApp = await app();
      const agent = agentApp.page;
      await step('agent1 tries Mark as Won', agent, async () => {
        await signIn(agent, 'agent1');
        const board = agent.getByRole('region', { name: 'My Pipeline', exact: true });
        const first = board.locator('.card').first();
        await first.waitFor({ timeout: 20_000 });
        await first.click();
        const form = agent.locator('.lead-drawer article.lead-form');
        await form.getByRole('button', { name: 'Mark as Won', exact: true }).click();
        const dialog = agent.getByRole('dialog', { name: 'Mark as Won' });
        await dialog.getByRole('button', { name: 'Confirm: Mark as Won' }).click();
        const alert = dialog.getByRole('alert');
        await alert.waitFor({ timeout: 20_000 });
        const text = (await alert.textContent()) ?? '';
        expect(text).toContain('The lead was not marked as Won; it stays where it was.');
        expect(text, 'the hub’s rule message, as is').toContain(noWonStageMessage('agent'));
      });
      await agentApp.close();

      await step('manager puts the won flags back', manager, async () => {
        for (const name of wonStages) await stageRow(manager, name).getByRole('checkbox', { name: 'Won' }).check();
        await expect.poll(() => checkedWon.count(), { message: `the won flag back on ${wonStages.join(', ')}`, timeout: 10_000 }).toBe(wonStages.length);
        await expect.poll(() => manager.getByText(/^No won stage configured/).count(), { message: 'no warning once a stage is won again', timeout: 10_000 }).toBe(0);
      });
    })());
  }, 120_000);

  it('(b) a dealership against the sandbox dealer: its Odoo company chosen from Test Connection, then every sandbox user tested', async () => {
    await withTimeLimit(150_000, 'dealership and Test Connection', (async () => {
      const page = manager;
      await openConfiguration(page);
      await tab(page, 'Dealerships').click();

      const editor = await step('add the dealership with its Odoo connection', page, async () => {
        await page.getByRole('button', { name: 'New dealership' }).click();
        const form = page.getByRole('form', { name: 'New dealership' });
        await form.getByLabel('Code', { exact: true }).fill('SBX');
        await form.getByLabel('Name', { exact: true }).fill('Sandbox Motors Makati');
        await form.getByLabel('Brands').fill('Toyota');
        await form.getByLabel('Brands').press('Enter');
        await form.getByLabel('Manager e-mail').fill('sales.manager@sandboxmotors.example');
        for (const [index, model] of ['Vios', 'Fortuner'].entries()) {
          await form.getByRole('button', { name: 'Add vehicle model' }).click();
          await form.getByLabel(`Vehicle model, row ${index + 1}`).fill(model);
          await form.getByLabel(`Dealer product code, row ${index + 1}`).fill(model);
        }
        await form.getByRole('button', { name: 'Add connection' }).click();
        await form.getByLabel('URL').fill(dealer.url);
        await form.getByLabel('Database').fill(SANDBOX_DATABASE);
        await form.getByLabel('Login').fill(SANDBOX_USER.login);
        await form.getByLabel('API key').fill(SANDBOX_USER.apiKey);
        await form.getByRole('button', { name: 'Add dealership' }).click();
        const saved = page.getByRole('form', { name: 'Dealership Sandbox Motors Makati' });
        await saved.waitFor({ timeout: 10_000 });
        expect(await saved.getByLabel('API key').inputValue(), 'the key is write-only: the field is empty again').toBe('');
        await saved.getByText('API key stored').waitFor();
        return saved;
      });

      const results = editor.getByRole('list', { name: 'Test Connection results' });
      const check = (id: string) => results.locator(`li[data-check-id="${id}"]`);
      const runTest = async () => {
        await editor.getByRole('button', { name: 'Test Connection' }).click();
        await editor.getByRole('button', { name: 'Testing…' }).waitFor({ state: 'detached', timeout: 30_000 });
        await results.waitFor({ timeout: 30_000 });
      };
      const saveConnection = async (user: { login: string; apiKey: string }) => {
        await editor.getByLabel('Login').fill(user.login);
        await editor.getByLabel('API key').fill(user.apiKey);
        await editor.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => editor.getByText('Unsaved changes').count(), { timeout: 10_000 }).toBe(0);
      };

      await step('Test Connection lists the companies and asks for one', page, async () => {
        await runTest();
        expect(await check('company').getAttribute('class')).toBe('check-failed');
        expect(await check('company').textContent()).toContain('No Odoo company is chosen for this dealership');
        const options = await editor.getByLabel('Odoo company').locator('option').allTextContents();
        expect(options).toEqual(["The integration user's default company", 'Sandbox Motors', 'Sandbox Motors North']);
      });

      await step('with "Sandbox Motors" chosen and saved, every line passes', page, async () => {
        await editor.getByLabel('Odoo company').selectOption({ label: 'Sandbox Motors' });
        await editor.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => editor.getByText('Unsaved changes').count(), { timeout: 10_000 }).toBe(0);
        await runTest();
        const ids = await attributesOf(results.locator('li'), 'data-check-id', 'class');
        expect(ids).toEqual([
          'reachable:check-ok',
          'authentication:check-ok',
          'company:check-ok',
          'order-create:check-ok',
          'contact-create:check-ok',
          'own-documents:check-ok',
          'model:Vios:check-ok',
          'model:Fortuner:check-ok',
        ]);
        expect(await editor.getByRole('status').textContent()).toBe('All 8 checks passed: Mark as Won can push Sales Orders to this dealership.');
        // The whole list in view: the editor scrolls inside the Configuration screen.
        await results.locator('li').last().scrollIntoViewIfNeeded();
        await shot(page, 'dealerships');
      });

      const users = [
        { user: SANDBOX_OWN_USER, shotName: 'dealerships-own-documents', failed: [] as string[], says: ['own-documents', 'Bound to its own documents'] },
        { user: SANDBOX_NOCONTACT_USER, shotName: 'dealerships-no-contact-creation', failed: ['contact-create'], says: ['contact-create', 'tick "Contact Creation"'] },
        { user: SANDBOX_MANAGER_USER, shotName: 'dealerships-sales-administrator', failed: [] as string[], says: ['contact-create', 'may create contacts'] },
        { user: SANDBOX_READONLY_USER, shotName: 'dealerships-read-only-key', failed: ['order-create', 'contact-create', 'own-documents'], says: ['order-create', 'Sales: choose "User: All Documents"'] },
      ] as const;
      for (const { user, shotName, failed, says } of users) {
        await step(`Test Connection as ${user.login}`, page, async () => {
          await saveConnection(user);
          await runTest();
          await expect.poll(async () => (await check('authentication').textContent()) ?? '', { timeout: 30_000 }).toContain(user.login);
          const classes = await attributesOf(results.locator('li'), 'data-check-id', 'class');
          expect(classes.filter((entry) => entry.endsWith(':check-failed')).map((entry) => entry.replace(/:check-failed$/, ''))).toEqual(failed);
          expect(await check(says[0]).textContent()).toContain(says[1]);
          await results.locator('li').last().scrollIntoViewIfNeeded();
          await shot(page, shotName);
        });
      }
    })());
  }, 160_000);

  it('(c) reorders stages by drag, and each screen at 1440x900', async () => {
    await withTimeLimit(110_000, 'screens', (async () => {
      // Won notices as the Won flow queues them; the training hub (no SMTP) delivers them to its outbox.
      await hub.db.transaction(async (tx) => {
        for (const [index, facts] of [
          { leadRef: 'LEAD/2026/00003', customerName: 'Juan Garcia', vehicleModel: 'Fortuner', brand: 'Toyota', soName: 'S00017', dealershipName: 'Metro Toyota Quezon City', agentName: 'Maria Santos', to: 'sales.manager@metrotoyota.example' },
          { leadRef: 'LEAD/2026/00008', customerName: 'Andrea Mendoza', vehicleModel: 'CR-V', brand: 'Honda', soName: 'S00018', dealershipName: 'Bay Honda Pasay', agentName: 'Jose Reyes', to: 'sales.manager@bayhonda.example' },
        ].entries()) {
          const { to, ...rest } = facts;
          await queueMail(tx, { ...wonManagerMail({ ...rest, customerPhone: '+63 917 555 10' + index, customerEmail: null }), kind: 'won_manager', leadId: null, to }, new Date());
        }
      });
      const page = manager;
      await openConfiguration(page);

      await step('drag Lost above Won', page, async () => {
        await expect.poll(() => stageNames(page), { timeout: 10_000 }).toEqual(['New', 'Qualified', 'Negotiation', 'Won', 'Lost']);
        await drag(page, stageRow(page, 'Lost').locator('.drag-handle'), stageRow(page, 'Won'));
        await expect.poll(() => stageNames(page), { timeout: 10_000 }).toEqual(['New', 'Qualified', 'Negotiation', 'Lost', 'Won']);
        await expect.poll(() => stageList(page).getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
        const sequences = await stageList(page).locator('.stage-seq').allTextContents();
        expect(sequences, 'main renumbered the stages in the dragged order').toEqual(['10', '20', '30', '40', '50']);
        await page.getByRole('button', { name: 'Move Won up' }).click();
        await expect.poll(() => stageNames(page), { timeout: 10_000 }).toEqual(['New', 'Qualified', 'Negotiation', 'Won', 'Lost']);
        await expect.poll(() => stageList(page).getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
        await shot(page, 'stages');
      });

      await step('users', page, async () => {
        await tab(page, 'Users').click();
        await page.getByRole('region', { name: 'Users' }).getByRole('cell', { name: 'manager1' }).waitFor();
        await shot(page, 'users');
      });

      await step('intake keys', page, async () => {
        await tab(page, 'Intake keys').click();
        await page.getByRole('button', { name: 'Revoke Training feed' }).waitFor();
        await shot(page, 'intake-keys');
        await page.getByRole('button', { name: 'New intake key' }).click();
        const form = page.getByRole('dialog', { name: 'New intake key' });
        await form.getByLabel('Name').fill('Website form');
        await form.getByRole('button', { name: 'Create key' }).click();
        const shown = page.getByRole('dialog', { name: 'Intake key "Website form"' });
        await shown.waitFor();
        const key = await shown.getByLabel('Intake key').inputValue();
        expect(key.length).toBeGreaterThan(20);
        await shot(page, 'intake-key-created');
        await shown.getByRole('button', { name: 'Done' }).click();
        expect(await page.getByText(key).count(), 'the key is not shown again').toBe(0);
      });

      await step('mail outbox', page, async () => {
        await tab(page, 'Mail outbox').click();
        const sent = page.getByRole('region', { name: 'Mail outbox' }).locator('.status-badge.status-sent');
        await expect.poll(async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return sent.count();
        }, { timeout: 20_000, interval: 1000 }).toBe(2);
        await shot(page, 'mail-outbox');
      });
    })());
  }, 120_000);
});
