import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { blocking, runAxe, type AxeFinding } from './axe-kit';
import { activitiesPanel, board, closeLead, dismissToasts, leadForm, menu, openView, signInAs } from './ui-kit';
import { screenshot } from './screenshot';

/**
 * Every screen of the app once, as the documents list them: sign-in, Home, both boards, the lead form with
 * each wizard, All Leads, Call Logs, Floor Reports and each Configuration tab. Each visit is checked with
 * axe and photographed; the results are kept per screen.
 */

export interface ScreenResult {
  screen: string;
  findings: AxeFinding[];
}

export class Tour {
  readonly results: ScreenResult[] = [];

  constructor(
    readonly page: Page,
    private readonly shots: string,
  ) {}

  /** Checks the screen as it is now. */
  async check(screen: string): Promise<void> {
    // Nothing animating or loading: the screen as a user reads it (no running animation, nothing aria-busy).
    // A function, not a string: a string predicate is eval'd in the page on every poll after the first, which the
    // app's Content Security Policy refuses (seen when a screen was still busy at the first check).
    await this.page.waitForFunction(
      () => {
        const { document } = globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }>; querySelector(selector: string): unknown } };
        return document.getAnimations().every((animation) => animation.playState !== 'running') && !document.querySelector('[aria-busy="true"]');
      },
      undefined,
      { timeout: 10_000 },
    );
    await screenshot(this.page, join(this.shots, `${screen.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`));
    this.results.push({ screen, findings: await runAxe(this.page) });
  }

  /** Opens a dialog with `open`, checks it, closes it with its Cancel/Close. */
  async dialog(screen: string, name: string | RegExp, open: () => Promise<void>): Promise<void> {
    await open();
    const dialog = this.page.getByRole('dialog', { name });
    await dialog.waitFor({ timeout: 10_000 });
    await this.check(screen);
    await this.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
  }

  blocking(): Array<{ screen: string; findings: AxeFinding[] }> {
    return this.results.map((result) => ({ screen: result.screen, findings: blocking(result.findings) })).filter((result) => result.findings.length > 0);
  }
}

const button = (page: Page, name: string) => leadForm(page).getByRole('button', { name, exact: true });

/** An agent's day: sign-in, the boards, Home, Call Logs, a lead claimed from the pool and each wizard on it. */
export async function agentScreens(tour: Tour, login: string): Promise<void> {
  const page = tour.page;
  await page.waitForSelector('form[aria-label="Sign in"]');
  await tour.check('sign-in');
  await signInAs(page, login);
  await board(page, 'My Pipeline').locator('.card').first().waitFor({ timeout: 20_000 });
  await tour.check('my-pipeline');
  await tour.dialog('new-lead', 'New Lead', () => page.getByRole('button', { name: 'New Lead' }).click());
  await tour.dialog('shortcut-help', 'Keyboard shortcuts', () => page.getByRole('button', { name: 'Keyboard shortcuts' }).click());
  await openView(page, 'Home');
  await page.waitForSelector('.leads-list tbody tr');
  await tour.check('home');
  await openView(page, 'Call Logs');
  await tour.check('call-logs');
  await openView(page, 'Open Leads');
  const first = board(page, 'Open Leads').locator('.card').first();
  await first.waitFor({ timeout: 10_000 });
  await tour.check('open-leads');
  await first.click();
  await button(page, 'Claim Lead').waitFor();
  await tour.check('lead-form-unclaimed');
  await button(page, 'Claim Lead').click();
  await button(page, 'Log Call').waitFor({ timeout: 10_000 });
  // With the claim's toast in its tray: the notifications are checked too.
  await page.getByLabel('Notifications').getByText(/^You are now assigned/).waitFor();
  await tour.check('lead-form');
  await dismissToasts(page);
  await tour.dialog('log-call', 'Log Call', () => button(page, 'Log Call').click());
  await tour.dialog('schedule-visit', 'Schedule Visit', () => button(page, 'Schedule Visit').click());
  await tour.dialog('schedule-activity', 'Schedule Activity', () => activitiesPanel(page).getByRole('button', { name: '+ Schedule activity' }).click());
  await tour.dialog('edit-lead', /^Edit LEAD\//, () => leadForm(page).getByRole('button', { name: 'Edit', exact: true }).click());
  await tour.dialog('mark-won', 'Mark as Won', () => button(page, 'Mark as Won').click());
  await tour.dialog('mark-lost', 'Mark as Lost', () => button(page, 'Mark as Lost').click());
  await closeLead(page);
}

const CONFIG_TABS = ['Stages', 'Dealerships', 'Lead alerts', 'Users', 'Intake keys', 'Mail outbox', 'Workstations'] as const;

/** A manager's screens: the floor view of Open Leads, All Leads, Floor Reports, each Configuration tab. */
export async function managerScreens(tour: Tour, login: string): Promise<void> {
  const page = tour.page;
  await signInAs(page, login);
  await board(page, 'Open Leads').locator('.card').first().waitFor({ timeout: 20_000 });
  await tour.check('open-leads-floor-view');
  await openView(page, 'All Leads');
  await page.getByRole('table', { name: 'Leads' }).locator('tbody tr').first().waitFor({ timeout: 10_000 });
  await tour.check('all-leads');
  await openView(page, 'Floor Reports');
  await page.locator('.recharts-surface').first().waitFor({ timeout: 15_000 });
  await tour.check('floor-reports');
  await openView(page, 'Configuration');
  for (const name of CONFIG_TABS) {
    await page.getByRole('tab', { name, exact: true }).click();
    await tour.check(`configuration-${name}`);
  }
  await menu(page).waitFor();
}

/** The workstation lock (hot-desking), locked by `lock` (main's OS lock), then opened with the password. */
export async function lockScreen(tour: Tour, lock: () => void): Promise<void> {
  const page = tour.page;
  lock();
  await page.getByRole('form', { name: 'Locked' }).waitFor({ timeout: 10_000 });
  await tour.check('lock-screen');
  await page.getByLabel('Password').fill('training');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('form', { name: 'Locked' }).waitFor({ state: 'detached', timeout: 10_000 });
}
