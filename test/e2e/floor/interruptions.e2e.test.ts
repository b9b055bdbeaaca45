import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeLimit } from '../../harness/chromium';
import { board, card, chatter, closeLead, dismissToasts, leadForm, onlineBadge, openView, pipelineColumn, statusbar, toasts } from '../ui-kit';
import { Floor, type FloorUser } from './floor-kit';
import { markWon, moveByStatusbar } from './lead-work';

/**
 * What interrupts a shift: an agent's connection to the hub drops (she keeps reading and recording, and
 * everything lands exactly once when it is back); the hub process is killed and started again; the app
 * is restarted while a Won confirmation is still owed to the hub.
 */
const OFFLINE_BANNER = 'showing your synced pipeline read-only';
const NEEDS_HUB = 'This needs the connection to the hub. Try again when the app is back online.';

interface Message {
  kind: string;
  body: string;
}

describe('floor rehearsal: interruptions', () => {
  let floor: Floor;
  let maria: FloorUser;

  beforeAll(async () => {
    floor = await Floor.open('interruptions');
    maria = await floor.join('agent1');
  }, 240_000);

  afterAll(async () => {
    await floor?.close();
  });

  /** Maria's first lead in New on My Pipeline (the demo seed gives her three). */
  const firstNewLead = async (): Promise<string> => {
    await openView(maria.page, 'My Pipeline');
    const first = pipelineColumn(maria.page, 'New').locator('.card').first();
    await first.waitFor({ timeout: 20_000 });
    return (await first.getAttribute('data-lead-id')) ?? '';
  };

  const messagesOn = async (leadId: string, body: string): Promise<number> => {
    const manager = await floor.api('manager1');
    return (await manager.read<Message[]>(`/leads/${leadId}/messages`)).filter((message) => message.body.includes(body)).length;
  };

  it('keeps an agent working through a dropped connection, and everything lands exactly once', async () => {
    await withTimeLimit(240_000, 'offline review', (async () => {
      const leadId = await firstNewLead();
      const note = 'Customer asked for the brochure by e-mail (written offline).';
      const callSummary = 'Talked about trade-in value (logged offline).';

      await maria.step('the connection drops: the app says so and stays readable', async () => {
        maria.proxy.cut();
        await expect.poll(() => maria.page.getByText(OFFLINE_BANNER).count(), { message: maria.says(`the offline banner "${OFFLINE_BANNER}"`), timeout: 20_000 }).toBe(1);
        expect(await board(maria.page, 'My Pipeline').locator('.card').count(), maria.says('her pipeline still on screen')).toBeGreaterThan(0);
      });

      await maria.step('a pool lead offline: its history is not on this workstation, and the form says so', async () => {
        await openView(maria.page, 'Open Leads');
        await board(maria.page, 'Open Leads').locator('.card').first().click();
        await expect.poll(() => chatter(maria.page).getByText(/History not downloaded on this workstation/).count(), { message: maria.says('a pool lead offline: "History not downloaded on this workstation"'), timeout: 10_000 }).toBe(1);
      });

      await maria.step('her own lead offline: its whole history is here', async () => {
        await closeLead(maria.page);
        await openView(maria.page, 'My Pipeline');
        await card(pipelineColumn(maria.page, 'New'), leadId).click();
        await expect.poll(() => chatter(maria.page).locator('.chatter-entry').count(), { message: maria.says('the chatter readable offline'), timeout: 10_000 }).toBeGreaterThan(0);
        await leadForm(maria.page).getByRole('region', { name: 'Activities' }).waitFor();
      });

      await maria.step('a note and a call logged offline are shown pending', async () => {
        await leadForm(maria.page).getByLabel('Note', { exact: true }).fill(note);
        await leadForm(maria.page).getByRole('button', { name: 'Log note' }).click();
        await logCallOffline(maria, callSummary);
        const pending = chatter(maria.page).locator('.chatter-outbox');
        await expect.poll(() => pending.filter({ hasText: 'pending' }).count(), { message: maria.says('the note and the call pending in the chatter'), timeout: 10_000 }).toBe(2);
      });

      await maria.step('an action that needs the hub says so', async () => {
        await statusbar(maria.page).getByRole('button', { name: 'Qualified', exact: true }).click();
        await expect.poll(() => toasts(maria.page).getByText(NEEDS_HUB).count(), { message: maria.says(`"${NEEDS_HUB}"`), timeout: 15_000 }).toBeGreaterThan(0);
        expect(await statusbar(maria.page).locator('[aria-current="step"]').textContent(), maria.says('the lead still in New')).toBe('New');
        await dismissToasts(maria.page);
      });

      await maria.step('the connection returns: the pending entries land exactly once', async () => {
        maria.proxy.restore();
        await onlineBadge(maria.page).waitFor({ timeout: 30_000 });
        await expect.poll(() => chatter(maria.page).locator('.chatter-outbox').count(), { message: maria.says('no pending entry left'), timeout: 30_000 }).toBe(0);
        await expect.poll(() => messagesOn(leadId, note), { message: maria.says('the offline note once on the hub'), timeout: 15_000 }).toBe(1);
        await expect.poll(() => messagesOn(leadId, callSummary), { message: maria.says('the offline call summary once on the hub'), timeout: 15_000 }).toBe(1);
        await expect.poll(() => chatter(maria.page).getByText(note).count(), { message: maria.says('the note in the chatter as the hub has it'), timeout: 15_000 }).toBe(1);
        await closeLead(maria.page);
      });
    })());
  }, 300_000);

  it('reconnects after the hub process is killed, and finishes a Won confirmation after an app restart', async () => {
    await withTimeLimit(300_000, 'hub and app restarts', (async () => {
      const leadId = await firstNewLead();
      const note = 'Written while the hub was being restarted.';

      await maria.step('the hub process is killed and restarted; the app reconnects and sends what waited', async () => {
        await floor.hub.kill();
        await expect.poll(() => maria.page.getByText(OFFLINE_BANNER).count(), { message: maria.says('the offline banner while the hub is down'), timeout: 30_000 }).toBe(1);
        await card(pipelineColumn(maria.page, 'New'), leadId).click();
        await leadForm(maria.page).getByLabel('Note', { exact: true }).fill(note);
        await leadForm(maria.page).getByRole('button', { name: 'Log note' }).click();
        await floor.killAndRestartHub();
        await onlineBadge(maria.page).waitFor({ timeout: 60_000 });
        await expect.poll(() => messagesOn(leadId, note), { message: maria.says('the note written during the restart once on the hub'), timeout: 30_000 }).toBe(1);
      });

      const soName = await maria.step('Mark as Won while the hub cannot be told: the Sales Order exists, the confirmation is kept', async () => {
        await moveByStatusbar(maria, 'Qualified');
        await moveByStatusbar(maria, 'Negotiation');
        maria.proxy.block(/\/won\/confirm$/);
        const alert = await markWon(maria);
        const orders = floor.dealer.inspect.saleOrders();
        expect(orders, maria.says('one Sales Order created on the dealer')).toHaveLength(1);
        const name = orders[0]?.name ?? '';
        expect(alert, maria.says('the Won dialog to say the order exists and the hub will be told')).toContain(`Sales Order ${name} was created`);
        return name;
      });

      await maria.step('the app restarts and completes the confirmation', async () => {
        maria.proxy.block(null);
        await floor.restartApp(maria);
        await onlineBadge(maria.page).waitFor({ timeout: 30_000 });
        const manager = await floor.api('manager1');
        await expect
          .poll(async () => (await manager.read<{ dealerSoName: string | null }>(`/leads/${leadId}`)).dealerSoName, { message: maria.says(`the hub to record ${soName} on the lead after the restart`), timeout: 30_000 })
          .toBe(soName);
        expect(floor.dealer.inspect.saleOrders(), maria.says('still exactly one Sales Order')).toHaveLength(1);
        await openView(maria.page, 'My Pipeline');
        await expect.poll(() => card(board(maria.page, 'My Pipeline'), leadId).count(), { message: maria.says('the won lead on her board'), timeout: 20_000 }).toBeGreaterThan(0);
      });
    })());
  }, 360_000);
});

/** Log Call without a next activity, while offline: queued like a note. */
async function logCallOffline(user: FloorUser, summary: string): Promise<void> {
  const page = user.page;
  await leadForm(page).getByRole('button', { name: 'Log Call', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Log Call' });
  await dialog.getByLabel('Duration (minutes)').fill('4');
  await dialog.getByLabel('Call Result').selectOption('answered');
  await dialog.getByLabel('Summary', { exact: true }).fill(summary);
  await dialog.getByRole('button', { name: 'Log Call', exact: true }).click();
  await expect.poll(() => dialog.count(), { message: user.says('the Log Call wizard to close offline'), timeout: 10_000 }).toBe(0);
}
