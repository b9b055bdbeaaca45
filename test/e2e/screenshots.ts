import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { startHub } from '../../src-hub/start-hub';
import { openApp } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { serveRenderer } from '../harness/static-server';

/**
 * `npm run screenshots`: a PNG of each screen, against a fresh training hub, into test/e2e/screenshots/; the
 * supervisor's and manager's shells and the floor view also into docs/screenshots/.
 */
const OUT = join(process.cwd(), 'test/e2e/screenshots');
const DOCS = join(process.cwd(), 'docs/screenshots');

async function signIn(page: Page, login: string): Promise<void> {
  await page.waitForSelector('form[aria-label="Sign in"]');
  await page.getByRole('button', { name: new RegExp(`^${login} `) }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status', { name: /Hub connection: Online/ }).waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForSelector('form[aria-label="Sign in"]');
}

async function main(): Promise<void> {
  await ensureRendererBuilt();
  mkdirSync(OUT, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  const hub = await startHub({ storage: { dataDir: mkdtempSync(join(tmpdir(), 'shots-hub-')), databaseUrl: undefined }, demo: { leads: 40 }, log: { info: () => undefined, error: () => undefined } });
  const renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
  const browser = await launchChromium();
  try {
    await withTimeLimit(240_000, 'screenshots', (async () => {
      const app = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url } });
      const page = app.page;
      await page.waitForSelector('form[aria-label="Sign in"]');
      await page.screenshot({ path: join(OUT, 'login.png') });
      await page.getByRole('button', { name: /^agent1 / }).click();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('status', { name: /Hub connection: Online/ }).waitFor();
      const menu = page.getByRole('navigation', { name: 'Main menu' });
      // Agents land on My Pipeline.
      await page.waitForSelector('.stage-column .card');
      await page.screenshot({ path: join(OUT, 'my-pipeline.png') });
      await menu.getByRole('button', { name: 'Open Leads' }).click();
      await page.waitForSelector('.board-column .card');
      await page.screenshot({ path: join(OUT, 'open-leads.png') });
      await menu.getByRole('button', { name: 'Home' }).click();
      await page.waitForSelector('.leads-list tbody tr');
      await page.screenshot({ path: join(OUT, 'leads-list.png') });
      await signOut(page);

      // Supervisors land on Open Leads, with the floor view: stale leads marked and counted per column.
      await signIn(page, 'supervisor1');
      await page.waitForSelector('.board-column .card');
      await page.waitForSelector('.board-stale-count');
      await page.screenshot({ path: join(DOCS, 'menu-supervisor.png') });
      await page.getByLabel('Stale after').selectOption({ label: '1 day' });
      await page.waitForSelector('.board-column .card:not(.card-stale)');
      await page.screenshot({ path: join(DOCS, 'floor-view.png') });
      await signOut(page);

      await signIn(page, 'manager1');
      await page.waitForSelector('.board-column .card');
      await page.waitForSelector('.board-stale-count');
      await page.screenshot({ path: join(DOCS, 'menu-manager.png') });
      await app.close();
    })());
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await renderer.close();
    await hub.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
