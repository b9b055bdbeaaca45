import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { startHub, type RunningHub } from '../../src-hub/start-hub';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { migratedDataDir } from '../harness/pglite-folder';
import { serveRenderer } from '../harness/static-server';
import { screenshot } from './screenshot';

const SHOTS = join(process.cwd(), 'test/e2e/screenshots');

async function hubOn(dataDir: string, port = 0): Promise<RunningHub> {
  return startHub({ storage: { dataDir, databaseUrl: undefined }, port, demo: { leads: 20 }, config: { passwordCost: { N: 1024, r: 8, p: 1 } }, log: { info: () => undefined, error: () => undefined } });
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${login} `) }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await openHome(page);
}

/** Agents land on My Pipeline; the plain list of every synced lead is on Home. */
async function openHome(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Home' }).click();
}

const rows = (page: Page) => page.locator('.leads-list tbody tr');

describe('desktop core in real Chromium', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let hub: RunningHub;
  let dataDir: string;
  let app: AppHandle;

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
    browser = await launchChromium();
    dataDir = migratedDataDir('e2e-hub-');
    hub = await hubOn(dataDir);
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await browser?.close();
    await hub?.close().catch(() => undefined);
    await renderer?.close();
  });

  it('signs in, syncs, follows another agent\'s claim through the event stream, and works offline', async () => {
    await withTimeLimit(150_000, 'desktop core scenario', (async () => {
      app = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url } });
      const page = app.page;
      await expect.poll(() => page.getByRole('form', { name: 'Sign in' }).isVisible(), { timeout: 15_000 }).toBe(true);
      await screenshot(page, join(SHOTS, 'core-01-login.png'));
      await signIn(page, 'agent1');

      // First sync: the pool (15 unclaimed) plus agent1's own three leads.
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBe(18);
      await expect.poll(() => page.getByRole('status', { name: /Hub connection: Online/ }).isVisible(), { timeout: 10_000 }).toBe(true);
      await screenshot(page, join(SHOTS, 'core-02-synced.png'));

      // Another agent claims a pool lead: it leaves this agent's list through the event stream (no periodic pull).
      const poolLeadId = await rows(page).filter({ hasText: 'Unclaimed' }).first().getAttribute('data-lead-id');
      const login = await fetch(`${hub.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'agent2', password: 'training' }) });
      const { token } = (await login.json()) as { token: string };
      const claim = await fetch(`${hub.url}/api/v1/leads/${poolLeadId}/claim`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(claim.status).toBe(200);
      await expect.poll(() => page.locator(`tr[data-lead-id="${poolLeadId}"]`).count(), { timeout: 10_000 }).toBe(0);

      // The hub goes away: everything synced stays readable, a note is kept as pending.
      const port = Number(new URL(hub.url).port);
      await hub.close();
      await expect.poll(() => page.getByText('showing your synced pipeline read-only').isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await rows(page).count()).toBe(17);
      const mine = await rows(page).filter({ hasText: 'Maria Santos' }).first().getAttribute('data-lead-id');
      await page.getByLabel('Lead', { exact: true }).selectOption(mine ?? '');
      await page.getByLabel('Note', { exact: true }).fill('Customer will visit the showroom on Saturday.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect.poll(() => page.getByText('1 pending').isVisible()).toBe(true);
      await screenshot(page, join(SHOTS, 'core-03-offline.png'));

      // The hub comes back on the same address: the note lands, exactly once.
      hub = await hubOn(dataDir, port);
      await expect.poll(() => page.getByText('1 pending').count(), { timeout: 20_000 }).toBe(0);
      const notes = await hub.db.query<{ count: string }>(`select count(*) as count from messages where lead_id = $1 and kind = 'note' and body = $2`, [mine, 'Customer will visit the showroom on Saturday.']);
      expect(Number(notes[0]?.count)).toBe(1);
      await expect.poll(() => page.getByRole('status', { name: /Hub connection: Online/ }).isVisible(), { timeout: 15_000 }).toBe(true);
      await screenshot(page, join(SHOTS, 'core-04-back-online.png'));

      // Restart the app with the hub down: it opens on its replica, read-only, without the sign-in screen —
      // locked until the same person gives their password (checked on this computer while the hub is away).
      await app.close();
      await hub.close();
      app = await openApp({ browser, rendererOrigin: renderer.origin, context: app.context, userDataDir: app.userDataDir, cipher: app.cipher });
      await app.page.getByRole('form', { name: 'Locked' }).waitFor({ timeout: 15_000 });
      await app.page.getByLabel('Password').fill('training');
      await app.page.getByRole('button', { name: 'Unlock' }).click();
      await openHome(app.page);
      await expect.poll(() => rows(app.page).count(), { timeout: 20_000 }).toBe(17);
      expect(await app.page.getByRole('form', { name: 'Sign in' }).count()).toBe(0);
      await expect.poll(() => app.page.getByText('showing your synced pipeline read-only').isVisible(), { timeout: 10_000 }).toBe(true);
      await screenshot(app.page, join(SHOTS, 'core-05-offline-start.png'));
      // The hub stays down: nothing after this looks at it (a third start only opened PGlite for afterAll to close).
    })());
  }, 180_000);
});
