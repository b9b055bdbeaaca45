import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEALERSHIPS, DEMO_PASSWORD } from '../../src-hub/features/seed/demo-data';
import type { RunningHub } from '../../src-hub/start-hub';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { startOdooSandbox, type OdooSandbox } from '../../src-main/training/odoo-sandbox/odoo-sandbox.server';
import { SANDBOX_DATABASE, SANDBOX_USER } from '../../src-main/training/odoo-sandbox/seed-data';
import { openApp, type AppHandle } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { startDemoHub } from '../harness/demo-hub';
import { serveRenderer } from '../harness/static-server';
import { board, card, closeLead, currentStage, dismissToasts, drag, leadForm, menu, pipelineColumn, statusbar, toasts } from './ui-kit';
import { screenshot } from './screenshot';

/**
 * The agent's flows of the documents in real Chromium, as agent1 does them on the floor: claim from Open
 * Leads, advance by drag and by the statusbar, refused skip and revert, Log Call with a next activity,
 * Schedule Visit, Mark as Won with the dealer down then up (one Sales Order), Mark as Lost.
 * A hub with the demo seed and a sandbox Odoo dealer (fault controls on) that the demo dealerships point at.
 */
const SHOTS = join(process.cwd(), 'test/e2e/screenshots');
const USER = 'agent1';
const SKIP_FROM_NEW =
  'Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified". Use the Mark Won or Mark Lost buttons to close the lead instead.';
const REVERT_FROM_QUALIFIED =
  'Leads can only move forward one stage at a time. From "Qualified" the only allowed next stage is "Negotiation". Use the Mark Won or Mark Lost buttons to close the lead instead.';

const DEMO_PRODUCTS = DEMO_DEALERSHIPS.flatMap((dealer) => dealer.models.map((model) => ({ defaultCode: model, name: `${dealer.brands[0]} ${model}` })));

/** Names the user and the step in every failure. */
async function step<T>(name: string, work: () => Promise<T>, page?: Page): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await page?.screenshot({ path: join(SHOTS, `agent-failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`) }).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${USER}: ${name} — ${message}`, { cause: error });
  }
}

async function connectDealerships(hubUrl: string, dealerUrl: string): Promise<void> {
  const base = `${hubUrl}/api/v1`;
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'manager1', password: DEMO_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const dealerships = (await (await fetch(`${base}/dealerships`, { headers })).json()) as Array<{ id: string; code: string }>;
  const codes = new Set<string>(DEMO_DEALERSHIPS.map((dealer) => dealer.code));
  for (const dealership of dealerships.filter((item) => codes.has(item.code))) {
    const connection = { url: dealerUrl, database: SANDBOX_DATABASE, login: SANDBOX_USER.login, apiKey: SANDBOX_USER.apiKey };
    const answer = await fetch(`${base}/dealerships/${dealership.id}`, { method: 'PATCH', headers, body: JSON.stringify({ connection }) });
    if (!answer.ok) throw new Error(`could not connect ${dealership.code}: ${await answer.text()}`);
  }
}

const column = pipelineColumn;

/**
 * A supervisor's note on every pool lead before agent1 signs in: the first sync brings pool leads' rows
 * without their history, so the form must read the note from the hub.
 */
const POOL_NOTE = 'Supervisor: customer called twice before the claim.';
async function notePoolLeads(hubUrl: string): Promise<void> {
  const base = `${hubUrl}/api/v1`;
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'supervisor1', password: DEMO_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const pool = (await (await fetch(`${base}/leads?userId=none&limit=200`, { headers })).json()) as { items: Array<{ id: string }> };
  for (const lead of pool.items) {
    const answer = await fetch(`${base}/leads/${lead.id}/notes`, { method: 'POST', headers, body: JSON.stringify({ body: POOL_NOTE }) });
    if (!answer.ok) throw new Error(`could not note lead ${lead.id}: ${await answer.text()}`);
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, join(SHOTS, `agent-${name}.png`));
}

describe('agent flows in real Chromium', () => {
  let browser: Browser;
  let renderer: { origin: string; close: () => Promise<void> };
  let hub: RunningHub;
  let dealer: OdooSandbox;
  let app: AppHandle | undefined;

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
    browser = await launchChromium();
    dealer = await startOdooSandbox({ products: DEMO_PRODUCTS });
    hub = await startDemoHub('agent-hub', 20);
    await connectDealerships(hub.url, dealer.url);
    await notePoolLeads(hub.url);
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await browser?.close();
    await hub?.close().catch(() => undefined);
    await dealer?.close().catch(() => undefined);
    await renderer?.close();
  });

  it('agent1 claims, advances, logs a call, schedules a visit, wins (dealer down, then up) and loses a lead', async () => {
    await withTimeLimit(110_000, 'agent flows', (async () => {
      app = await openApp({ browser, rendererOrigin: renderer.origin, core: { defaultHubUrl: async () => hub.url } });
      const page = app.page;

      await step('sign in → My Pipeline', async () => {
        await page.getByRole('button', { name: new RegExp(`^${USER} `) }).click();
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('status', { name: /Hub connection: Online/ }).waitFor({ timeout: 20_000 });
        await board(page, 'My Pipeline').locator('.card').first().waitFor({ timeout: 20_000 });
      }, page);

      // ── Claim from Open Leads ──────────────────────────────────────────────────────────────
      const leadId = await step('claim from Open Leads', async () => {
        await menu(page).getByRole('button', { name: 'Open Leads' }).click();
        const first = board(page, 'Open Leads').locator('.card').first();
        await first.waitFor({ timeout: 10_000 });
        await shot(page, '01-open-leads');
        const id = (await first.getAttribute('data-lead-id')) ?? '';
        await first.click();
        await leadForm(page).getByRole('toolbar', { name: 'Lead actions' }).waitFor();
        const buttons = await leadForm(page).getByRole('toolbar', { name: 'Lead actions' }).getByRole('button').allTextContents();
        expect(buttons, `${USER}: claim from Open Leads → only Claim Lead offered on an unclaimed lead`).toEqual(['Claim Lead']);
        // A pool lead's history is not in the replica: read from the hub when the form opens.
        await expect.poll(() => leadForm(page).getByRole('region', { name: 'Chatter' }).getByText(POOL_NOTE).count(), { message: `${USER}: unclaimed lead → its chatter read from the hub`, timeout: 10_000 }).toBe(1);
        await shot(page, '02-unclaimed-lead');
        await leadForm(page).getByRole('button', { name: 'Claim Lead' }).click();
        await expect.poll(() => toasts(page).getByText(/^You are now assigned to lead LEAD\/\S+$/).isVisible(), { message: `${USER}: claim from Open Leads → toast "You are now assigned to lead LEAD/…"`, timeout: 10_000 }).toBe(true);
        await expect.poll(() => card(board(page, 'Open Leads'), id).count(), { message: `${USER}: claim from Open Leads → card leaves Open Leads`, timeout: 5_000 }).toBe(0);
        await shot(page, '03-claimed');
        await closeLead(page);
        await menu(page).getByRole('button', { name: 'My Pipeline' }).click();
        await expect.poll(() => card(column(page, 'New'), id).count(), { message: `${USER}: claim from Open Leads → card in My Pipeline, New`, timeout: 5_000 }).toBe(1);
        await dismissToasts(page);
        return id;
      }, page);

      // ── New → Qualified by drag ────────────────────────────────────────────────────────────
      await step('drag New → Qualified on My Pipeline', async () => {
        await drag(page, card(column(page, 'New'), leadId), column(page, 'Qualified'));
        await expect.poll(() => card(column(page, 'Qualified'), leadId).count(), { message: `${USER}: drag New → Qualified → card in Qualified`, timeout: 10_000 }).toBe(1);
        await shot(page, '04-dragged-to-qualified');
      }, page);

      // ── Revert refused (drag back), skip refused (statusbar) ───────────────────────────────
      await step('drag Qualified → New refused', async () => {
        // The moved card is not draggable while its move is pending (aria-busy): wait until it settles.
        await expect.poll(() => card(column(page, 'Qualified'), leadId).getAttribute('aria-busy'), { message: `${USER}: after the drag → card no longer busy`, timeout: 10_000 }).toBe('false');
        // …and until dnd-kit's drop animation of the previous drag has finished (a drag cannot start during it):
        // the overlay card it animates is removed at its end.
        await expect.poll(() => page.locator('.card-overlay').count(), { message: `${USER}: after the drag → drop animation over`, timeout: 10_000 }).toBe(0);
        await drag(page, card(column(page, 'Qualified'), leadId), column(page, 'New'));
        await expect.poll(() => toasts(page).getByText(REVERT_FROM_QUALIFIED, { exact: true }).isVisible(), { message: `${USER}: revert Qualified → New → the rule's verbatim refusal`, timeout: 5_000 }).toBe(true);
        expect(await card(column(page, 'Qualified'), leadId).count(), `${USER}: revert refused → card snaps back to Qualified`).toBe(1);
        await shot(page, '05-revert-refused');
        await dismissToasts(page);
      }, page);

      // A second own lead in New for the skip from "New" (the claimed one has moved on).
      const newLeadId = await step('skip New → Negotiation refused (statusbar)', async () => {
        const other = column(page, 'New').locator('.card').first();
        const id = (await other.getAttribute('data-lead-id')) ?? '';
        await other.click();
        await statusbar(page).getByRole('button', { name: 'Negotiation', exact: true }).click();
        await expect.poll(() => toasts(page).getByText(SKIP_FROM_NEW, { exact: true }).isVisible(), { message: `${USER}: skip New → Negotiation → the rule's verbatim refusal`, timeout: 5_000 }).toBe(true);
        expect(await currentStage(page), `${USER}: skip refused → lead still in New`).toBe('New');
        await shot(page, '06-skip-refused');
        await dismissToasts(page);
        await closeLead(page);
        return id;
      }, page);

      // ── Qualified → Negotiation by the statusbar ───────────────────────────────────────────
      await step('statusbar Qualified → Negotiation', async () => {
        await card(column(page, 'Qualified'), leadId).click();
        await statusbar(page).getByRole('button', { name: 'Negotiation', exact: true }).click();
        await expect.poll(() => currentStage(page), { message: `${USER}: statusbar Qualified → Negotiation → current stage`, timeout: 10_000 }).toBe('Negotiation');
        const tracking = leadForm(page).getByRole('region', { name: 'Chatter' }).locator('.chatter-tracking');
        await expect.poll(() => tracking.filter({ hasText: 'Negotiation' }).count(), { message: `${USER}: statusbar → stage tracking entry in the chatter`, timeout: 10_000 }).toBeGreaterThan(0);
        await shot(page, '07-negotiation');
      }, page);

      // ── Log Call with a next activity ──────────────────────────────────────────────────────
      await step('Log Call with a next activity', async () => {
        await leadForm(page).getByRole('button', { name: 'Log Call', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Log Call' });
        await dialog.getByLabel('Duration (minutes)').fill('7');
        await dialog.getByLabel('Call Result').selectOption('answered');
        await dialog.getByLabel('Summary', { exact: true }).fill('Customer wants the Fortuner quote with financing.');
        const nextType = dialog.getByLabel('Activity Type');
        if ((await nextType.count()) === 0) await dialog.getByText(/next activity/i).first().click();
        await nextType.selectOption('call');
        const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
        await dialog.getByLabel('Due Date').fill(tomorrow);
        await dialog.getByLabel('Due Time').fill('10:30');
        await dialog.getByLabel('Activity Summary').fill('Call back with the finance offer');
        await shot(page, '08-log-call-wizard');
        await dialog.getByRole('button', { name: 'Log Call', exact: true }).click();
        await expect.poll(() => dialog.count(), { message: `${USER}: Log Call → wizard closes`, timeout: 10_000 }).toBe(0);
        await expect.poll(() => leadForm(page).getByRole('region', { name: 'Chatter' }).getByText('Customer wants the Fortuner quote with financing.').count(), { message: `${USER}: Log Call → summary in the chatter`, timeout: 10_000 }).toBeGreaterThan(0);
        await expect.poll(() => leadForm(page).getByRole('region', { name: 'Activities' }).getByText('Call back with the finance offer').count(), { message: `${USER}: Log Call → next activity in Activities`, timeout: 10_000 }).toBeGreaterThan(0);
        await shot(page, '09-call-logged');
        await dismissToasts(page);
      }, page);

      // ── Schedule Visit ─────────────────────────────────────────────────────────────────────
      await step('Schedule Visit', async () => {
        await leadForm(page).getByRole('button', { name: 'Schedule Visit', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Schedule Visit' });
        await dialog.getByRole('group', { name: 'Visit type' }).getByRole('radio').last().check();
        await dialog.getByLabel('Date').fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
        await dialog.getByLabel('Time').fill('14:00');
        await dialog.getByLabel('Notes').fill('Test drive of the Fortuner with the spouse');
        await shot(page, '10-schedule-visit-wizard');
        await dialog.getByRole('button', { name: 'Schedule Visit', exact: true }).click();
        await expect.poll(() => dialog.count(), { message: `${USER}: Schedule Visit → wizard closes`, timeout: 10_000 }).toBe(0);
        await expect.poll(() => toasts(page).getByText(/visit scheduled$/).isVisible(), { message: `${USER}: Schedule Visit → toast "… visit scheduled"`, timeout: 10_000 }).toBe(true);
        await expect.poll(() => leadForm(page).getByRole('region', { name: 'Activities' }).getByText('Test drive of the Fortuner with the spouse').count(), { message: `${USER}: Schedule Visit → visit in Activities`, timeout: 10_000 }).toBeGreaterThan(0);
        await shot(page, '11-visit-scheduled');
        await dismissToasts(page);
      }, page);

      // ── Mark as Won with the dealer down ───────────────────────────────────────────────────
      await step('Mark as Won with the dealer down', async () => {
        await dealer.faults.refuseConnections();
        await leadForm(page).getByRole('button', { name: 'Mark as Won', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Mark as Won' });
        await dialog.getByRole('button', { name: 'Confirm: Mark as Won' }).click();
        await expect.poll(() => dialog.getByRole('alert').isVisible(), { message: `${USER}: Won, dealer down → error shown in the dialog`, timeout: 30_000 }).toBe(true);
        expect(await dialog.getByRole('alert').textContent(), `${USER}: Won, dealer down → "stays where it was"`).toContain('The lead was not marked as Won; it stays where it was.');
        await shot(page, '12-won-dealer-down');
        await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
        await expect.poll(() => leadForm(page).getByRole('region', { name: 'Chatter' }).locator('.chatter-error').count(), { message: `${USER}: Won, dealer down → an Error entry in the chatter`, timeout: 15_000 }).toBeGreaterThan(0);
        expect(await currentStage(page), `${USER}: Won, dealer down → lead still in Negotiation`).toBe('Negotiation');
        expect(await leadForm(page).locator('.so-name').count(), `${USER}: Won, dealer down → Dealer SO empty`).toBe(0);
        expect(dealer.inspect.saleOrders().length, `${USER}: Won, dealer down → no order in the sandbox`).toBe(0);
        await shot(page, '13-won-failed-chatter');
      }, page);

      // ── Mark as Won with the sandbox dealer up ─────────────────────────────────────────────
      await step('Mark as Won with the sandbox dealer', async () => {
        await dealer.faults.clear();
        await leadForm(page).getByRole('button', { name: 'Mark as Won', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Mark as Won' });
        await dialog.getByRole('button', { name: 'Confirm: Mark as Won' }).click();
        await expect.poll(() => dialog.count(), { message: `${USER}: Won → dialog closes on success`, timeout: 30_000 }).toBe(0);
        const orders = dealer.inspect.saleOrders();
        expect(orders.length, `${USER}: Won → exactly one Sales Order in the sandbox`).toBe(1);
        const soName = orders[0]?.name ?? '<none>';
        await expect.poll(() => toasts(page).getByText(soName).isVisible(), { message: `${USER}: Won → SO number ${soName} in the toast`, timeout: 10_000 }).toBe(true);
        await expect.poll(() => leadForm(page).locator('.so-name').textContent().catch(() => null), { message: `${USER}: Won → Dealer SO ${soName} on the lead`, timeout: 10_000 }).toBe(soName);
        await expect.poll(() => currentStage(page), { message: `${USER}: Won → lead in Won`, timeout: 10_000 }).toBe('Won');
        expect(await leadForm(page).getByRole('toolbar', { name: 'Lead actions' }).count(), `${USER}: Won → no header buttons on a closed lead`).toBe(0);
        await shot(page, '14-won');
        await dismissToasts(page);
        await closeLead(page);
      }, page);

      // ── Mark as Lost: refused without a reason, then with one ──────────────────────────────
      await step('Mark as Lost', async () => {
        await card(column(page, 'New'), newLeadId).click();
        await leadForm(page).getByRole('button', { name: 'Mark as Lost', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Mark as Lost' });
        await dialog.getByRole('button', { name: 'Mark as Lost', exact: true }).click();
        await expect.poll(() => dialog.getByRole('alert').first().textContent().catch(() => null), { message: `${USER}: Lost without a reason → "Lost Reason must be set"`, timeout: 5_000 }).toContain('Lost Reason must be set');
        expect(await dialog.count(), `${USER}: Lost without a reason → wizard stays open`).toBe(1);
        await shot(page, '15-lost-no-reason');
        const reason = dialog.getByLabel('Lost Reason');
        const firstReason = await reason.locator('option').nth(1).getAttribute('value');
        await reason.selectOption(firstReason ?? '');
        await dialog.getByLabel('Notes').fill('Bought from a competitor at a lower price');
        await dialog.getByRole('button', { name: 'Mark as Lost', exact: true }).click();
        await expect.poll(() => dialog.count(), { message: `${USER}: Lost with a reason → wizard closes`, timeout: 10_000 }).toBe(0);
        await expect.poll(() => currentStage(page), { message: `${USER}: Lost with a reason → lead in Lost`, timeout: 10_000 }).toBe('Lost');
        await shot(page, '16-lost');
        await closeLead(page);
        await expect.poll(() => card(column(page, 'New'), newLeadId).count(), { message: `${USER}: Lost → card leaves New`, timeout: 5_000 }).toBe(0);
        await shot(page, '17-pipeline-after');
      }, page);
    })());
  }, 120_000);
});
