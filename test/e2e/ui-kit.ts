import type { Locator, Page } from 'playwright-core';

// The app's screens as a user finds them: by role and accessible name, the way the e2e tests click through.

export const menu = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });
export const toasts = (page: Page) => page.getByLabel('Notifications');
export const board = (page: Page, name: 'Open Leads' | 'My Pipeline') => page.getByRole('region', { name, exact: true });
export const pipelineColumn = (page: Page, name: string) => board(page, 'My Pipeline').getByRole('region', { name, exact: true });
export const card = (scope: Locator, leadId: string) => scope.locator(`[data-lead-id="${leadId}"]`);
export const leadForm = (page: Page) => page.locator('.lead-drawer article.lead-form');
export const statusbar = (page: Page) => leadForm(page).getByRole('navigation', { name: 'Stage' });
export const chatter = (page: Page) => leadForm(page).getByRole('region', { name: 'Chatter' });
export const activitiesPanel = (page: Page) => leadForm(page).getByRole('region', { name: 'Activities' });
export const headerButtons = (page: Page) => leadForm(page).getByRole('toolbar', { name: 'Lead actions' });
export const onlineBadge = (page: Page) => page.getByRole('status', { name: /Hub connection: Online/ });

export async function openView(page: Page, name: string): Promise<void> {
  await menu(page).getByRole('button', { name, exact: true }).click();
}

export async function dismissToasts(page: Page): Promise<void> {
  const close = toasts(page).getByRole('button', { name: 'Dismiss' });
  while ((await close.count()) > 0) await close.first().click();
}

export async function currentStage(page: Page): Promise<string> {
  return (await statusbar(page).locator('[aria-current="step"]').textContent()) ?? '';
}

export async function closeLead(page: Page): Promise<void> {
  await leadForm(page).getByRole('button', { name: '← Back' }).click();
  await leadForm(page).waitFor({ state: 'detached' });
}

/** Training mode's sign-in: the demo user's button fills login and password. */
export async function signInAs(page: Page, login: string, options: { onlineWithinMs?: number } = {}): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${login} `) }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await onlineBadge(page).waitFor({ timeout: options.onlineWithinMs ?? 30_000 });
}

/** A real pointer drag for dnd-kit's PointerSensor (activation distance 5 px): down, small steps, up. */
export async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag: card or column not visible');
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const end = { x: b.x + b.width / 2, y: b.y + Math.min(120, b.height / 2) };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 20 });
  await page.mouse.move(end.x + 2, end.y + 2, { steps: 2 });
  await page.mouse.up();
}
