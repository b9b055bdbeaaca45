import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../src-hub/start-hub';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { startDemoHub } from '../harness/demo-hub';
import { serveRenderer } from '../harness/static-server';
import { board, card, chatter, closeLead, currentStage, dismissToasts, leadForm, openView, pipelineColumn, signInAs, statusbar, toasts } from './ui-kit';
import { screenshot } from './screenshot';

/**
 * All Leads and Call Logs in real Chromium, three people at once on one demo hub: Maria Santos (agent1) holds
 * three leads and is leaving with the app still open; Ana Cruz (supervisor1) finds them by filtering on Maria,
 * selects them and bulk-reassigns them to Jose Reyes (agent2). Maria advances one of them while Ana's
 * confirmation is open, so that one is reported as changed and not overwritten; Ana reassigns it after the
 * refresh. Jose sees all three arrive in My Pipeline through the event stream while they leave Maria's.
 * Then a CSV export of a filter, and the Call Logs page.
 */
// Git-ignored: docs/screenshots is written only by `npm run screenshots`, never by a test run.
const SHOTS = join(process.cwd(), 'test/e2e/screenshots');
const ARRIVAL_MS = 15_000;

const allLeads = (page: Page) => page.getByRole('region', { name: 'All Leads', exact: true });
const filters = (page: Page) => allLeads(page).getByRole('group', { name: 'Filters' });
const tableRows = (page: Page) => allLeads(page).getByRole('table', { name: 'Leads' }).locator('tbody tr');
const leadIdsOf = async (rows: Locator) => Promise.all((await rows.all()).map(async (row) => (await row.getAttribute('data-lead-id')) ?? ''));

/** Names the person and the step in every failure, with a screenshot of their window. */
async function step<T>(who: string, name: string, page: Page, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await page.screenshot({ path: join(SHOTS, `all-leads-failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`) }).catch(() => undefined);
    throw new Error(`${who}: ${name} — ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The rows once the panel has settled on its answer (not busy). */
async function settledRows(page: Page): Promise<Locator> {
  await expect.poll(() => allLeads(page).getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
  return tableRows(page);
}

describe('All Leads and Call Logs in real Chromium', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let hub: RunningHub;
  const apps: AppHandle[] = [];

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
    browser = await launchChromium();
    hub = await startDemoHub('all-leads-hub', 20);
  }, 180_000);

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await browser?.close();
    await hub?.close().catch(() => undefined);
    await renderer?.close();
  });

  async function signedIn(login: string): Promise<AppHandle> {
    const app = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url } });
    apps.push(app);
    await signInAs(app.page, login);
    return app;
  }

  it('a supervisor bulk-reassigns an absent agent\'s leads, exports a filter as CSV, and reads the call logs', async () => {
    await withTimeLimit(170_000, 'All Leads flows', (async () => {
      const maria = (await signedIn('agent1')).page;
      const jose = (await signedIn('agent2')).page;
      const anaApp = await signedIn('supervisor1');
      const ana = anaApp.page;

      const mariaLeads = await step('Maria', 'her pipeline holds the demo leads she claimed', maria, async () => {
        await expect.poll(() => board(maria, 'My Pipeline').locator('.card').count(), { timeout: 20_000 }).toBe(3);
        return leadIdsOf(board(maria, 'My Pipeline').locator('.card'));
      });

      // ── Ana finds Maria's leads and selects them ───────────────────────────────────────────
      await step('Ana', 'filter All Leads by the absent agent', ana, async () => {
        await openView(ana, 'All Leads');
        await expect.poll(async () => (await settledRows(ana)).count(), { message: 'Ana: All Leads → first page', timeout: 15_000 }).toBeGreaterThan(3);
        await filters(ana).getByLabel('Assigned agent').selectOption({ label: 'Maria Santos' });
        await expect.poll(async () => (await leadIdsOf(await settledRows(ana))).sort(), { message: 'Ana: filter by Maria Santos → exactly her three leads', timeout: 10_000 }).toEqual([...mariaLeads].sort());
        for (const row of await tableRows(ana).all()) await row.getByRole('checkbox').check();
        const bulkBar = allLeads(ana).getByRole('toolbar', { name: 'Bulk actions' });
        expect(await bulkBar.getByText('3 leads selected').isVisible(), 'Ana: three rows ticked → "3 leads selected"').toBe(true);
        await bulkBar.getByLabel('Reassign to').selectOption({ label: 'Jose Reyes' });
        await screenshot(ana, join(SHOTS, 'all-leads.png'));
      });

      // ── Maria works one of them while Ana's confirmation is open: it must not be overwritten ──
      const changed = await step('Ana', 'bulk reassign to Jose Reyes, one lead changed meanwhile', ana, async () => {
        await allLeads(ana).getByRole('button', { name: 'Bulk reassign' }).click();
        const dialog = ana.getByRole('dialog', { name: 'Bulk reassign' });
        expect(await dialog.getByText('Reassign 3 leads to Jose Reyes?', { exact: true }).isVisible(), 'Ana: confirmation names the count and the agent').toBe(true);
        await screenshot(ana, join(SHOTS, 'all-leads-confirm.png'));
        const moved = await step('Maria', 'advance one of her leads New → Qualified meanwhile', maria, async () => {
          const newCard = pipelineColumn(maria, 'New').locator('.card').first();
          const id = (await newCard.getAttribute('data-lead-id')) ?? '';
          await newCard.click();
          await statusbar(maria).getByRole('button', { name: 'Qualified', exact: true }).click();
          await expect.poll(() => currentStage(maria), { message: 'Maria: statusbar → Qualified', timeout: 10_000 }).toBe('Qualified');
          await closeLead(maria);
          return id;
        });
        const movedRef = await allLeads(ana).locator(`tr[data-lead-id="${moved}"] button.link`).textContent();
        await dialog.getByRole('button', { name: 'Reassign 3 leads' }).click();
        await expect.poll(() => dialog.getByText('2 of 3 leads reassigned to Jose Reyes.').isVisible(), { message: 'Ana: summary after the batch', timeout: 20_000 }).toBe(true);
        expect(await dialog.getByRole('list', { name: 'Leads not changed' }).getByRole('listitem').allTextContents(), 'Ana: the lead Maria changed is listed, not overwritten').toEqual([
          `${movedRef} — changed by someone else, not overwritten`,
        ]);
        await screenshot(ana, join(SHOTS, 'all-leads-summary.png'));
        await dialog.getByRole('button', { name: 'Done' }).click();
        return moved;
      });

      await step('Ana', 'the refreshed page shows the changed lead; reassign it too', ana, async () => {
        await expect.poll(async () => leadIdsOf(await settledRows(ana)), { message: 'Ana: after the batch → only the changed lead is still Maria\'s', timeout: 10_000 }).toEqual([changed]);
        expect(await tableRows(ana).first().textContent(), 'Ana: its new stage is shown').toContain('Qualified');
        await tableRows(ana).first().getByRole('checkbox').check();
        const bulkBar = allLeads(ana).getByRole('toolbar', { name: 'Bulk actions' });
        await bulkBar.getByLabel('Reassign to').selectOption({ label: 'Jose Reyes' });
        await bulkBar.getByRole('button', { name: 'Bulk reassign' }).click();
        const dialog = ana.getByRole('dialog', { name: 'Bulk reassign' });
        await dialog.getByRole('button', { name: 'Reassign 1 lead' }).click();
        await expect.poll(() => dialog.getByText('1 of 1 lead reassigned to Jose Reyes.').isVisible(), { message: 'Ana: the second batch', timeout: 20_000 }).toBe(true);
        await dialog.getByRole('button', { name: 'Done' }).click();
        await expect.poll(() => allLeads(ana).getByText('No lead matches these filters.').isVisible(), { message: 'Ana: the page is refreshed → Maria has none left', timeout: 10_000 }).toBe(true);
      });

      // ── Jose sees them arrive, Maria sees them leave (event stream, no refresh) ──────────
      await step('Jose', 'the three leads arrive in My Pipeline', jose, async () => {
        for (const id of mariaLeads) {
          await expect.poll(() => card(board(jose, 'My Pipeline'), id).count(), { message: `Jose: lead ${id} arrives in My Pipeline`, timeout: ARRIVAL_MS }).toBe(1);
        }
      });
      await step('Maria', 'the three leads leave My Pipeline', maria, async () => {
        await expect.poll(() => board(maria, 'My Pipeline').locator('.card').count(), { message: 'Maria: her reassigned leads leave My Pipeline', timeout: ARRIVAL_MS }).toBe(0);
      });
      await step('Jose', 'the chatter shows the reassignment', jose, async () => {
        await card(board(jose, 'My Pipeline'), mariaLeads[0] ?? '').click();
        const tracking = chatter(jose).locator('.chatter-tracking');
        await expect.poll(() => tracking.filter({ hasText: 'Assigned Agent' }).filter({ hasText: 'Jose Reyes' }).allTextContents(), { message: 'Jose: a tracking entry Maria Santos → Jose Reyes', timeout: 10_000 }).toEqual([
          expect.stringMatching(/Assigned Agent:\s*Maria Santos\s*→\s*Jose Reyes/),
        ]);
        await leadForm(jose).getByRole('button', { name: '← Back' }).click();
      });

      // ── CSV export of a filter ─────────────────────────────────────────────────────────────
      await step('Ana', 'export the filtered leads as CSV', ana, async () => {
        await dismissToasts(ana);
        await filters(ana).getByLabel('Assigned agent').selectOption({ label: 'Jose Reyes' });
        await expect.poll(async () => (await settledRows(ana)).count(), { message: 'Ana: filter by Jose Reyes → his two demo leads and the three reassigned', timeout: 10_000 }).toBe(5);
        const shownRefs = await tableRows(ana).locator('td button.link').allTextContents();
        await allLeads(ana).getByRole('button', { name: 'Export CSV' }).click();
        const toast = toasts(ana).getByText(/^Exported \d+ leads to /);
        await expect.poll(() => toast.isVisible(), { message: 'Ana: Export CSV → "Exported N leads to <path>"', timeout: 15_000 }).toBe(true);
        const [, count, path] = /^Exported (\d+) leads to (.+)$/.exec((await toast.textContent()) ?? '') ?? [];
        expect(Number(count), 'Ana: the export holds the filtered rows').toBe(5);
        expect(path?.startsWith(anaApp.userDataDir), 'Ana: the file is where the save dialog pointed').toBe(true);
        expect(existsSync(path ?? ''), `Ana: ${path} exists`).toBe(true);
        const lines = readFileSync(path ?? '', 'utf8').trim().split(/\r?\n/);
        expect(lines.length - 1, 'Ana: one CSV line per lead after the header').toBe(5);
        for (const ref of shownRefs) expect(lines.some((line) => line.includes(ref)), `Ana: ${ref} is in the CSV`).toBe(true);
        expect(lines.every((line, index) => index === 0 || line.includes('Jose Reyes')), 'Ana: only Jose\'s leads are in the CSV').toBe(true);
      });

      // ── Call Logs ──────────────────────────────────────────────────────────────────────────
      await step('Ana', 'Call Logs lists the demo calls', ana, async () => {
        await dismissToasts(ana);
        await openView(ana, 'Call Logs');
        const calls = ana.getByRole('table', { name: 'Call logs' }).locator('tbody tr');
        await expect.poll(() => calls.count(), { message: 'Ana: Call Logs → the demo calls', timeout: 10_000 }).toBeGreaterThanOrEqual(2);
        await expect.poll(() => calls.first().textContent(), { message: 'Ana: Call Logs → lead reference resolved', timeout: 10_000 }).toMatch(/LEAD\/\d{4}\/\d{5}/);
        expect(await calls.first().textContent(), 'Ana: Call Logs → the agent who called').toContain('Maria Santos');
        await screenshot(ana, join(SHOTS, 'call-logs.png'));
      });
    })());
  }, 180_000);
});
