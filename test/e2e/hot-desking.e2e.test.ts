import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import type { RunningHub } from '../../src-hub/start-hub';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { startDemoHub } from '../harness/demo-hub';
import { HubProxy } from '../harness/hub-proxy';
import { serveRenderer } from '../harness/static-server';
import { onlineBadge, signInAs } from './ui-kit';
import { screenshot } from './screenshot';

const SHOTS = join(process.cwd(), 'test/e2e/screenshots/hot-desking');
const NOTE = 'Left for Maria: the customer prefers a call after 6 pm.';

const lockForm = (page: Page) => page.getByRole('form', { name: 'Locked' });
const signInForm = (page: Page) => page.getByRole('form', { name: 'Sign in' });
const rows = (page: Page) => page.locator('.leads-list tbody tr');

async function openHome(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Home' }).click();
}

/** Every IndexedDB database of the page whose records contain `text` in the clear (read with the raw API). */
async function databasesHolding(page: Page, text: string): Promise<string[]> {
  return page.evaluate(async (needle) => {
    type Req<T> = { result: T; onsuccess: (() => void) | null; onerror: (() => void) | null; error: unknown };
    const idb = (globalThis as unknown as { indexedDB: { databases(): Promise<Array<{ name?: string }>>; open(name: string): Req<{ objectStoreNames: ArrayLike<string>; transaction(names: string[], mode: string): { objectStore(n: string): { getAll(): Req<unknown[]> } }; close(): void }> } }).indexedDB;
    const done = <T,>(request: Req<T>) => new Promise<T>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const holding: string[] = [];
    for (const { name } of await idb.databases()) {
      if (!name) continue;
      const db = await done(idb.open(name));
      const stores = Array.from(db.objectStoreNames);
      for (const store of stores) {
        const rows = await done(db.transaction([store], 'readonly').objectStore(store).getAll());
        if (JSON.stringify(rows).includes(needle)) holding.push(`${name}/${store}`);
      }
      db.close();
    }
    return holding;
  }, text);
}

/** What a person looking at the window can read: hidden elements are not in innerText. */
const visibleText = (page: Page) => page.locator('body').innerText();

describe('hot-desking in real Chromium with a fake clock', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let hub: RunningHub;
  let proxy: HubProxy;
  let app: AppHandle | undefined;

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
    browser = await launchChromium();
    hub = await startDemoHub('hotdesk', 20);
    proxy = await HubProxy.start(hub.url);
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await browser?.close();
    await proxy?.close().catch(() => undefined);
    await hub?.close().catch(() => undefined);
    await renderer?.close();
  });

  it('locks after ten idle minutes, unlocks with the password, and hands the desk to the next person without their notes', async () => {
    await withTimeLimit(170_000, 'hot-desking scenario', (async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // The page's timers and Date run on a clock the test moves; it ticks at real speed in between.
      await context.clock.install();
      app = await openApp({ browser, context, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => proxy.url } });
      const { page, core } = app;
      await signInForm(page).waitFor({ timeout: 15_000 });
      await signInAs(page, 'agent1');
      await openHome(page);
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const customer = (await rows(page).filter({ hasText: 'Maria Santos' }).first().locator('td').nth(1).innerText()).trim();
      expect(customer.length).toBeGreaterThan(0);
      expect(await visibleText(page)).toContain(customer);

      // Idle: nine minutes leave it open; the tenth locks it (the manager's default).
      await page.clock.fastForward('09:00');
      expect(await lockForm(page).count()).toBe(0);
      await page.clock.fastForward('01:01');
      await lockForm(page).waitFor({ timeout: 10_000 });
      expect(await lockForm(page).getByText('Maria Santos', { exact: true }).isVisible()).toBe(true);
      expect(await visibleText(page)).not.toContain(customer);
      expect(await page.title()).toBe('BPO CRM Desktop — locked');
      await screenshot(page, join(SHOTS, 'lock-screen.png'));

      // A wrong password is refused; hers opens the same screen again.
      await page.getByLabel('Password').fill('not hers');
      await page.getByRole('button', { name: 'Unlock' }).click();
      await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 10_000 }).toBe('Wrong password.');
      await page.getByLabel('Password').fill('training');
      await page.getByRole('button', { name: 'Unlock' }).click();
      await lockForm(page).waitFor({ state: 'detached', timeout: 10_000 });
      expect(await visibleText(page)).toContain(customer);
      expect(await page.title()).toBe('BPO CRM Desktop');

      // Offline, she writes a note (pending), then the OS locks the screen: the app locks at once.
      proxy.cut();
      await expect.poll(() => page.getByText('showing your synced pipeline read-only').isVisible(), { timeout: 20_000 }).toBe(true);
      const mine = await rows(page).filter({ hasText: 'Maria Santos' }).first().getAttribute('data-lead-id');
      await page.getByLabel('Lead', { exact: true }).selectOption(mine ?? '');
      await page.getByLabel('Note', { exact: true }).fill(NOTE);
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect.poll(() => page.getByText('1 pending').isVisible(), { timeout: 10_000 }).toBe(true);
      core.lockNow('os');
      await lockForm(page).waitFor({ timeout: 10_000 });
      await screenshot(page, join(SHOTS, 'lock-screen-offline.png'));

      expect(await databasesHolding(page, NOTE)).toEqual([expect.stringContaining('/outbox')]);

      // Jose sits down: "Not you? Sign out". Maria's note cannot reach the hub now, so it stays for her alone:
      // sealed with her key, her replica gone — nothing on this workstation holds it in the clear.
      await page.getByRole('button', { name: 'Not you? Sign out' }).click();
      await signInForm(page).waitFor({ timeout: 20_000 });
      expect(await databasesHolding(page, NOTE)).toEqual([]);
      expect(await databasesHolding(page, 'Maria Santos')).toEqual([]);
      proxy.restore();
      await signInAs(page, 'agent2');
      await openHome(page);
      await expect.poll(() => page.locator('.who').innerText(), { timeout: 10_000 }).toContain('Jose Reyes');
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await visibleText(page)).not.toContain('1 pending');
      await screenshot(page, join(SHOTS, 'person-switch.png'));
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('region', { name: 'Locking' }).waitFor();
      await screenshot(page, join(SHOTS, 'help-locking.png'));
      await page.keyboard.press('Escape');
      await page.getByRole('region', { name: 'Locking' }).waitFor({ state: 'detached' });
      const notesBy = async (login: string) =>
        Number(
          (
            await hub.db.query<{ count: string }>('select count(*) as count from messages m join users u on u.id = m.author_id where m.body = $1 and u.login = $2', [NOTE, login])
          )[0]?.count,
        );
      // Jose's outbox is empty and the note is not his to send; the hub has it from nobody yet.
      expect(await notesBy('agent2')).toBe(0);
      expect(await notesBy('agent1')).toBe(0);

      // Jose signs out; Maria signs in again on this desk: her kept note goes, under her name.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await signInForm(page).waitFor({ timeout: 20_000 });
      await signInAs(page, 'agent1');
      await expect.poll(() => notesBy('agent1'), { timeout: 20_000 }).toBe(1);
      expect(await notesBy('agent2')).toBe(0);
      expect(await databasesHolding(page, 'bpo-kept-1.')).toEqual([]);
      await expect(onlineBadge(page).isVisible()).resolves.toBe(true);
    })());
  }, 180_000);
});
