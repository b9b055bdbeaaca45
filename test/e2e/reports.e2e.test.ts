import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src-hub/features/seed/demo-data';
import type { RunningHub } from '../../src-hub/start-hub';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { startDemoHub } from '../harness/demo-hub';
import { serveRenderer } from '../harness/static-server';
import { screenshot } from './screenshot';

/**
 * Floor Reports in real Chromium against a demo hub: on top of the demo seed (60 leads over the last six days;
 * agent1 holds three, one Qualified, with two calls; agent2 holds two, one Lost to a competitor), the agents
 * work more leads through the hub's API — claims, calls, Won and Lost — so every report has known numbers.
 * supervisor1 reads them on the screen; the page is saved as test/e2e/screenshots/reports.png (1440×900).
 */
const DEMO_LEADS = 60;
const SHOTS = join(process.cwd(), 'test/e2e/screenshots');

type Api = (method: string, path: string, body?: unknown) => Promise<unknown>;

async function signIn(hubUrl: string, login: string): Promise<Api> {
  const base = `${hubUrl}/api/v1`;
  const answer = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: DEMO_PASSWORD }) });
  const { token } = (await answer.json()) as { token: string };
  return async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${login} ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
}

type CallResult = 'answered' | 'no_answer' | 'busy' | 'voicemail' | 'wrong_number';
interface Work {
  calls: CallResult[];
  close?: { won: true } | { lost: 'price' | 'competitor' | 'timing' };
}

/** An agent claims the next unclaimed lead, logs its calls and closes it as planned. */
async function work(api: Api, plan: Work, soNumber: number): Promise<void> {
  const pool = (await api('GET', '/leads?scope=open&limit=1')) as { items: Array<{ id: string }> };
  const leadId = pool.items[0]?.id;
  if (!leadId) throw new Error('the pool is empty');
  await api('POST', `/leads/${leadId}/claim`, {});
  for (const result of plan.calls) await api('POST', `/leads/${leadId}/calls`, { durationMin: result === 'answered' ? 4 : 0, result, summary: '' });
  if (!plan.close) return;
  if ('lost' in plan.close) {
    await api('POST', `/leads/${leadId}/lost`, { reason: plan.close.lost, notes: 'Floor work for the reports test.' });
    return;
  }
  // Main's side of Mark as Won, minus the dealer: the order is taken as created.
  const { pushId } = (await api('POST', `/leads/${leadId}/won/prepare`, {})) as { pushId: string };
  await api('POST', `/leads/${leadId}/won/confirm`, { pushId, soName: `S${String(soNumber).padStart(5, '0')}`, soId: soNumber });
}

/** Won needs a dealership with a connection; the dealer itself is never called here. */
async function giveDealershipsAConnection(manager: Api): Promise<void> {
  const dealerships = (await manager('GET', '/dealerships')) as Array<{ id: string }>;
  const connection = { url: 'http://127.0.0.1:9', database: 'dealer', login: 'api', apiKey: 'not-used' };
  for (const dealership of dealerships) await manager('PATCH', `/dealerships/${dealership.id}`, { connection });
}

/**
 * With the seed: agent1 (Maria Santos) 8 leads, 2 won, 1 lost, 7 calls; agent2 (Jose Reyes) 6 leads, 1 won,
 * 3 lost, 4 calls. Lost: price 2, competitor 1, timing 1. 14 leads claimed, 46 left in the pool.
 */
async function floorWork(hubUrl: string): Promise<void> {
  await giveDealershipsAConnection(await signIn(hubUrl, 'manager1'));
  const agent1 = await signIn(hubUrl, 'agent1');
  const agent2 = await signIn(hubUrl, 'agent2');
  const plans: Array<[Api, Work]> = [
    [agent1, { calls: ['answered', 'answered'], close: { won: true } }],
    [agent1, { calls: ['answered'], close: { won: true } }],
    [agent1, { calls: ['busy'], close: { lost: 'price' } }],
    [agent1, { calls: ['voicemail'] }],
    [agent1, { calls: [] }],
    [agent2, { calls: ['answered'], close: { won: true } }],
    [agent2, { calls: ['no_answer', 'no_answer'], close: { lost: 'timing' } }],
    [agent2, { calls: ['wrong_number'], close: { lost: 'price' } }],
    [agent2, { calls: [] }],
  ];
  for (const [index, [api, plan]] of plans.entries()) await work(api, plan, 100 + index);
}

/** A report's table body as text (the tables are the charts' accessible form, so they are always in the page). */
async function rowsOf(page: Page, name: string): Promise<string[][]> {
  const rows = await page.getByRole('table', { name, exact: true }).locator('tbody tr').all();
  return Promise.all(rows.map((row) => row.locator('th, td').allTextContents()));
}

describe('Floor Reports in real Chromium', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let hub: RunningHub;
  let app: AppHandle | undefined;

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
    browser = await launchChromium();
    hub = await startDemoHub('reports', DEMO_LEADS);
    await floorWork(hub.url);
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await browser?.close();
    await hub?.close().catch(() => undefined);
    await renderer?.close();
  });

  it('supervisor1 reads the floor: funnel, conversion, lost reasons, age in Open Leads, calls', async () => {
    await withTimeLimit(110_000, 'floor reports', (async () => {
      app = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url } });
      const page = app.page;
      try {
        await page.getByRole('button', { name: /^supervisor1 / }).click();
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('status', { name: /Hub connection: Online/ }).waitFor({ timeout: 20_000 });
        await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Floor Reports' }).click();
        await page.getByRole('table', { name: 'Conversion & Won by agent' }).waitFor({ state: 'attached', timeout: 20_000 });
        await page.locator('.report-chart .recharts-wrapper').first().waitFor();

        // The default period, the last 7 days, holds every demo lead (created over the last six days).
        const funnel = Object.fromEntries((await rowsOf(page, 'Pipeline funnel')).map(([stage, leads]) => [stage, Number(leads)]));
        expect(funnel).toEqual({ New: DEMO_LEADS - 8, Qualified: 1, Negotiation: 0, Won: 3, Lost: 4 });
        expect(await rowsOf(page, 'Conversion & Won by agent')).toEqual([
          ['Maria Santos', '8', '5', '2', '1', '67%'],
          ['Jose Reyes', '6', '2', '1', '3', '25%'],
        ]);
        expect((await rowsOf(page, 'Lost reasons')).map(([reason, leads]) => [reason, leads])).toEqual([
          ['Price', '2'],
          ['Competitor', '1'],
          ['Timing', '1'],
          ['Model Unavailable', '0'],
          ['Financing', '0'],
          ['Other', '0'],
        ]);
        const pool = (await rowsOf(page, 'Age in Open Leads')).reduce((sum, [, leads]) => sum + Number(leads), 0);
        expect(pool).toBe(DEMO_LEADS - 14);
        expect(await rowsOf(page, 'Oldest unclaimed leads')).toHaveLength(20);
        const calls = (await rowsOf(page, 'Calls per agent per day')).map((row) => [row[0], ...row.slice(2)]);
        // One floor day unless the test runs across midnight.
        expect(calls).toEqual([
          ['Jose Reyes', '1', '2', '0', '0', '1', '4'],
          ['Maria Santos', '4', '1', '1', '1', '0', '7'],
        ]);
        await screenshot(page, join(SHOTS, 'reports.png'));
        // The rest of the page, for review (not published).
        await page.getByRole('region', { name: 'Calls per agent per day' }).scrollIntoViewIfNeeded();
        await screenshot(page, join(SHOTS, 'reports-lower.png'));
        // A section shows its table on demand.
        const byAgent = page.getByRole('region', { name: 'Conversion & Won by agent' });
        await byAgent.getByRole('button', { name: 'Table' }).click();
        await byAgent.getByRole('table').waitFor({ state: 'visible' });
        await screenshot(page, join(SHOTS, 'reports-table.png'));
        await page.getByRole('region', { name: 'Age in Open Leads' }).scrollIntoViewIfNeeded();

        // The brand filter goes to the hub: one brand's row left.
        const brands = await rowsOf(page, 'Conversion & Won by brand');
        expect(brands.map(([brand]) => brand).sort()).toEqual(['Honda', 'Toyota']);
        await page.getByLabel('Brand', { exact: true }).selectOption('Honda');
        await expect.poll(async () => (await rowsOf(page, 'Conversion & Won by brand')).map(([brand]) => brand)).toEqual(['Honda']);

        // The oldest unclaimed lead opens from its row.
        const oldest = page.getByRole('table', { name: 'Oldest unclaimed leads' }).locator('tbody tr').first();
        const ref = (await oldest.locator('th').textContent()) ?? '';
        await oldest.locator('td').first().click();
        await page.locator('.lead-drawer article.lead-form').getByText(ref).first().waitFor();
      } catch (error) {
        await page.screenshot({ path: join(SHOTS, 'reports-failed.png') }).catch(() => undefined);
        throw error;
      }
    })());
  });
});
