import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useUiStore } from '../../app/ui-store';
import { MainView } from '../shell/MainView';
import { MANAGER, answer, configReplica, renderConfig, stubCrm } from './config.fixture';

describe('ConfigurationView', () => {
  it("is the manager's Configuration menu entry, one tab per subject, arrow keys moving between tabs", async () => {
    stubCrm({ listIntakeKeys: async () => answer([]), listMailOutbox: async () => answer({ items: [], nextCursor: null }), listUnclaimedAlerts: async () => answer([]) });
    const db = await configReplica();
    renderConfig(db, <MainView actor={MANAGER} />);
    useUiStore.setState({ view: 'configuration' });
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Stages', 'Dealerships', 'Lead alerts', 'Users', 'Intake keys', 'Mail outbox', 'Workstations']);
    expect(await screen.findByRole('region', { name: 'Stages' })).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Dealerships' }));
    expect(await screen.findByRole('region', { name: 'Dealerships' })).toBeTruthy();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Lead alerts' }));
    expect(await screen.findByRole('region', { name: 'Lead alerts' })).toBeTruthy();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Users' }));
    expect(screen.getByRole('tab', { name: 'Users' }).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByRole('region', { name: 'Users' })).toBeTruthy();
  });

  it('is not shown to a supervisor', async () => {
    const db = await configReplica();
    stubCrm({});
    renderConfig(db, <MainView actor={{ id: 'u-super', role: 'supervisor' }} />);
    useUiStore.setState({ view: 'configuration' });
    expect(screen.queryByRole('region', { name: 'Configuration' })).toBeNull();
  });
});
