import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetUnclaimedAlertBody, UnclaimedAlert } from '../../../src-shared/contract/config.schema';
import { useUnclaimedAlertsStore } from '../unclaimed-alerts/unclaimed-alerts-store';
import { UnclaimedAlertsPanel } from './UnclaimedAlertsPanel';
import { METRO, aLead, answer, configReplica, refusal, renderConfig, stubCrm, toastTexts } from './config.fixture';

function alertsCrm(initial: UnclaimedAlert[]) {
  let alerts = [...initial];
  const setUnclaimedAlert = vi.fn(async ({ brand, afterMinutes }: SetUnclaimedAlertBody) => {
    if (afterMinutes !== null && afterMinutes > 1440) return refusal('invalid_input', 'Invalid body: afterMinutes: At most 1440 minutes (one day)');
    alerts = alerts.filter((alert) => alert.brand.toLowerCase() !== brand.toLowerCase());
    if (afterMinutes !== null) alerts = [...alerts, { brand, afterMinutes, updatedAt: '2026-03-02T09:00:00Z' }];
    return answer(alerts);
  });
  stubCrm({ listUnclaimedAlerts: vi.fn(async () => answer(alerts)), setUnclaimedAlert: setUnclaimedAlert as never });
  return { setUnclaimedAlert };
}

const row = (brand: string) => screen.getByRole('rowheader', { name: brand }).closest('tr') as HTMLElement;
const statusOf = (brand: string) => within(row(brand)).getAllByRole('cell')[0]?.textContent;

describe('UnclaimedAlertsPanel (Configuration → Lead alerts)', () => {
  it('lists every known brand, off until set; sets, changes and turns off a brand’s alert, in words', async () => {
    const { setUnclaimedAlert } = alertsCrm([{ brand: 'honda', afterMinutes: 45, updatedAt: '2026-03-01T09:00:00Z' }]);
    const db = await configReplica({
      dealerships: [METRO, { ...METRO, id: 'd-2', code: 'HON', name: 'Honda Cubao', brands: ['Honda'] }],
      leads: [{ ...aLead('1', 'new'), brand: 'Kia', pool: 'Kia' } as never],
    });
    renderConfig(db, <UnclaimedAlertsPanel />);
    await waitFor(() => expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['honda', 'Kia', 'Toyota']));
    expect(statusOf('Toyota')).toBe('Off');
    expect(statusOf('honda')).toBe('After 45 min');

    await userEvent.type(within(row('Toyota')).getByLabelText('Minutes'), '30');
    await userEvent.click(within(row('Toyota')).getByRole('button', { name: 'Save alert for Toyota' }));
    await waitFor(() => expect(statusOf('Toyota')).toBe('After 30 min'));
    expect(setUnclaimedAlert).toHaveBeenCalledWith({ brand: 'Toyota', afterMinutes: 30 });
    expect(toastTexts()).toContain('success: Alert for Toyota set to 30 min');
    // This window's alert check has the new threshold at once.
    expect(useUnclaimedAlertsStore.getState().alerts?.map((alert) => alert.brand)).toEqual(['honda', 'Toyota']);

    await userEvent.click(within(row('honda')).getByRole('button', { name: 'Turn off alert for honda' }));
    // Off: the brand is listed as its dealership spells it.
    await waitFor(() => expect(statusOf('Honda')).toBe('Off'));
    expect(setUnclaimedAlert).toHaveBeenLastCalledWith({ brand: 'honda', afterMinutes: null });
  });

  it('says what is wrong with the minutes before sending, and what the hub refused', async () => {
    const { setUnclaimedAlert } = alertsCrm([]);
    renderConfig(await configReplica(), <UnclaimedAlertsPanel />);
    const toyota = await waitFor(() => row('Toyota'));
    const minutes = within(toyota).getByLabelText('Minutes');
    await userEvent.click(within(toyota).getByRole('button', { name: 'Save alert for Toyota' }));
    expect(within(toyota).getByRole('alert').textContent).toBe('Minutes: enter a whole number from 1 to 1440, or Turn off');
    await userEvent.type(minutes, '2.5');
    await userEvent.click(within(toyota).getByRole('button', { name: 'Save alert for Toyota' }));
    expect(within(toyota).getByRole('alert').textContent).toMatch(/^Minutes: /);
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    expect(setUnclaimedAlert).not.toHaveBeenCalled();

    // The hub has the last word: its refusal is shown as it says it.
    setUnclaimedAlert.mockResolvedValueOnce(refusal('forbidden', 'Only managers can change the configuration (stages, dealerships, users, intake keys).') as never);
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '20');
    await userEvent.click(within(toyota).getByRole('button', { name: 'Save alert for Toyota' }));
    await waitFor(() => expect(within(toyota).getByRole('alert').textContent).toMatch(/^Only managers can change the configuration/));
    expect(statusOf('Toyota')).toBe('Off');
  });
});
