import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../src-hub/start-hub';
import type { DesktopNotification } from '../../src-main/core/main-core';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { startDemoHub } from '../harness/demo-hub';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { serveRenderer } from '../harness/static-server';
import { screenshot } from './screenshot';

/**
 * Speed to lead in real Chromium against a demo hub: the cards count the wait since arrival (Open Leads: to a
 * claim; My Pipeline: to the first call), and a manager's unclaimed-lead alert set in Configuration → Lead
 * alerts raises one desktop notification per brand backlog, without the customer in its text.
 */
// Git-ignored: docs/screenshots is written only by `npm run screenshots`, never by a test run.
const SHOTS = join(process.cwd(), 'test/e2e/screenshots');

async function signIn(page: Page, login: string): Promise<void> {
  await page.waitForSelector('form[aria-label="Sign in"]');
  await page.getByRole('button', { name: new RegExp(`^${login} `) }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status', { name: /Hub connection: Online/ }).waitFor({ timeout: 20_000 });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForSelector('form[aria-label="Sign in"]');
}

async function shot(page: Page, name: string): Promise<void> {
  const close = page.getByLabel('Notifications').getByRole('button', { name: 'Dismiss' });
  while ((await close.count()) > 0) await close.first().click();
  await screenshot(page, join(SHOTS, `${name}.png`));
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });

describe('speed to lead in real Chromium', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let hub: RunningHub;
  let app: AppHandle;
  const notifications: DesktopNotification[] = [];

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    hub = await startDemoHub('lead-alerts', 12);
    renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
    browser = await launchChromium();
    app = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url, notify: (notification) => notifications.push(notification) } });
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await browser?.close();
    await hub?.close().catch(() => undefined);
    await renderer?.close();
  });

  it('shows the wait on the cards, and alerts a manager once the brand has a threshold', async () => {
    await withTimeLimit(150_000, 'speed to lead', (async () => {
      const page = app.page;

      // agent1 holds three demo leads, two of them called: only the third still waits for its first call.
      await signIn(page, 'agent1');
      const waitingForCall = page.locator('.stage-column .card .card-wait-call');
      // The first sync brings lead rows before their calls: a card knows it waits once its history is in.
      await expect.poll(() => waitingForCall.count(), { timeout: 20_000 }).toBe(1);
      await page.locator('section.board[aria-busy="false"]').waitFor({ timeout: 20_000 });
      expect(await waitingForCall.count()).toBe(1);
      expect(await waitingForCall.textContent()).toMatch(/^No call yet · \d/);
      expect(await page.locator('.stage-column .card .card-age:not(.card-wait-call)').count()).toBe(2);
      await shot(page, 'my-pipeline-no-call');

      await menu(page).getByRole('button', { name: 'Open Leads' }).click();
      const open = page.locator('.board-column .card');
      await open.first().waitFor();
      for (const text of await page.locator('.board-column .card .card-age').allTextContents()) expect(text).toMatch(/^Waiting \d/);
      expect(notifications, 'agents get no unclaimed-lead alert').toEqual([]);
      await signOut(page);

      await signIn(page, 'manager1');
      await menu(page).getByRole('button', { name: 'Configuration' }).click();
      await page.getByRole('tab', { name: 'Lead alerts', exact: true }).click();
      const toyota = page.getByRole('row', { name: /^Toyota/ });
      await toyota.waitFor({ timeout: 10_000 });
      expect(await toyota.getByRole('cell').first().textContent()).toBe('Off');
      expect(notifications, 'off until a manager sets one').toEqual([]);

      const minutes = toyota.getByLabel('Minutes');
      await minutes.fill('0');
      await toyota.getByRole('button', { name: 'Save alert for Toyota' }).click();
      expect(await toyota.getByRole('alert').textContent()).toBe('Minutes: At least 1 minute');

      await minutes.fill('1');
      await toyota.getByRole('button', { name: 'Save alert for Toyota' }).click();
      await expect.poll(() => toyota.getByRole('cell').first().textContent(), { timeout: 10_000 }).toBe('After 1 min');
      await expect.poll(() => notifications.length, { timeout: 20_000 }).toBe(1);
      const [alert] = notifications;
      expect(alert?.title).toMatch(/^(Unclaimed for .+|\d+ unclaimed leads waiting over 1 min) · Toyota$/);
      const customers = await hub.db.query<{ customer_name: string; customer_phone: string | null }>("select customer_name, customer_phone from leads where brand = 'Toyota'");
      for (const { customer_name, customer_phone } of customers) {
        expect(`${alert?.title} ${alert?.body}`).not.toContain(customer_name);
        if (customer_phone) expect(`${alert?.title} ${alert?.body}`).not.toContain(customer_phone);
      }
      const stored = await hub.db.query<{ brand: string; after_minutes: number }>('select brand, after_minutes from unclaimed_alerts');
      expect(stored).toEqual([{ brand: 'Toyota', after_minutes: 1 }]);
      await shot(page, 'config-lead-alerts');

      await menu(page).getByRole('button', { name: 'Open Leads' }).click();
      await page.locator('.board-column .card').first().waitFor();
      await shot(page, 'open-leads-waiting');
    })());
  }, 180_000);
});
