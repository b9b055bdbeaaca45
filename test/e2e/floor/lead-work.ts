import { expect } from 'vitest';
import { activitiesPanel, chatter, currentStage, dismissToasts, leadForm, statusbar } from '../ui-kit';
import type { FloorUser } from './floor-kit';

// The wizards of the open lead form, filled in as an agent does; each waits for the result it promises.

const day = (daysFromNow: number) => new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

export async function logCallWithNextActivity(user: FloorUser, summary: string, nextSummary: string): Promise<void> {
  const page = user.page;
  await leadForm(page).getByRole('button', { name: 'Log Call', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Log Call' });
  await dialog.getByLabel('Duration (minutes)').fill('6');
  await dialog.getByLabel('Call Result').selectOption('answered');
  await dialog.getByLabel('Summary', { exact: true }).fill(summary);
  const nextType = dialog.getByLabel('Activity Type');
  if ((await nextType.count()) === 0) await dialog.getByText(/next activity/i).first().click();
  await nextType.selectOption('call');
  await dialog.getByLabel('Due Date').fill(day(1));
  await dialog.getByLabel('Due Time').fill('10:30');
  await dialog.getByLabel('Activity Summary').fill(nextSummary);
  await user.shot('log call wizard');
  await dialog.getByRole('button', { name: 'Log Call', exact: true }).click();
  await expect.poll(() => dialog.count(), { message: user.says('the Log Call wizard to close') , timeout: 10_000 }).toBe(0);
  await expect.poll(() => chatter(page).getByText(summary).count(), { message: user.says('the call summary in the chatter'), timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => activitiesPanel(page).getByText(nextSummary).count(), { message: user.says('the next activity in Activities'), timeout: 15_000 }).toBeGreaterThan(0);
  await dismissToasts(page);
}

export async function scheduleVisit(user: FloorUser, notes: string): Promise<void> {
  const page = user.page;
  await leadForm(page).getByRole('button', { name: 'Schedule Visit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule Visit' });
  await dialog.getByRole('group', { name: 'Visit type' }).getByRole('radio').last().check();
  await dialog.getByLabel('Date').fill(day(2));
  await dialog.getByLabel('Time').fill('14:00');
  await dialog.getByLabel('Notes').fill(notes);
  await user.shot('schedule visit wizard');
  await dialog.getByRole('button', { name: 'Schedule Visit', exact: true }).click();
  await expect.poll(() => dialog.count(), { message: user.says('the Schedule Visit wizard to close'), timeout: 10_000 }).toBe(0);
  await expect.poll(() => activitiesPanel(page).getByText(notes).count(), { message: user.says('the visit in Activities'), timeout: 15_000 }).toBeGreaterThan(0);
  await dismissToasts(page);
}

export async function moveByStatusbar(user: FloorUser, stage: string): Promise<void> {
  await statusbar(user.page).getByRole('button', { name: stage, exact: true }).click();
  await expect.poll(() => currentStage(user.page), { message: user.says(`the lead in ${stage} after the statusbar click`), timeout: 15_000 }).toBe(stage);
}

/**
 * Mark as Won on the open lead: null when it succeeded (the dialog closed), else the dialog's error text.
 * With `whileRunning`, it is called once the live step list shows a step running (a screenshot of the progress).
 */
export async function markWon(user: FloorUser, whileRunning?: () => Promise<void>): Promise<string | null> {
  const page = user.page;
  await leadForm(page).getByRole('button', { name: 'Mark as Won', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark as Won' });
  await dialog.getByRole('button', { name: 'Confirm: Mark as Won' }).click();
  if (whileRunning) {
    await dialog.getByRole('list', { name: 'Won progress' }).locator('.won-step-running').first().waitFor({ timeout: 15_000 });
    await whileRunning();
  }
  await expect
    .poll(async () => (await dialog.count()) === 0 || (await dialog.getByRole('alert').count()) > 0, { message: user.says('Mark as Won to finish (success or an error)'), timeout: 45_000 })
    .toBe(true);
  if ((await dialog.count()) === 0) return null;
  const text = (await dialog.getByRole('alert').first().textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  return text;
}

export async function closeLeadAsLost(user: FloorUser, notes: string): Promise<void> {
  const page = user.page;
  await leadForm(page).getByRole('button', { name: 'Mark as Lost', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark as Lost' });
  await dialog.getByRole('button', { name: 'Mark as Lost', exact: true }).click();
  await expect.poll(() => dialog.getByRole('alert').first().textContent().catch(() => null), { message: user.says('"Lost Reason must be set" without a reason'), timeout: 5_000 }).toContain('Lost Reason must be set');
  await user.shot('lost wizard without a reason');
  await dialog.getByLabel('Lost Reason').selectOption('competitor');
  await dialog.getByLabel('Notes').fill(notes);
  await dialog.getByRole('button', { name: 'Mark as Lost', exact: true }).click();
  await expect.poll(() => dialog.count(), { message: user.says('the Lost wizard to close'), timeout: 10_000 }).toBe(0);
  await expect.poll(() => currentStage(page), { message: user.says('the lead in Lost'), timeout: 15_000 }).toBe('Lost');
}
