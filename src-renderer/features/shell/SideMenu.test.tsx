import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useUiStore } from '../../app/ui-store';
import { SideMenu } from './SideMenu';

const entries = () => screen.getAllByRole('button').map((button) => button.textContent);

describe('SideMenu', () => {
  it('never renders All Leads or Configuration for an agent', () => {
    render(<SideMenu role="agent" />);
    expect(entries()).toEqual(['Home', 'Open Leads', 'My Pipeline', 'Call Logs']);
    expect(screen.queryByText('All Leads')).toBeNull();
    expect(screen.queryByText('Floor Reports')).toBeNull();
    expect(screen.queryByText('Configuration')).toBeNull();
  });

  it('shows All Leads and Floor Reports to supervisors, and Configuration only to managers', () => {
    const { unmount } = render(<SideMenu role="supervisor" />);
    expect(entries()).toEqual(['Home', 'Open Leads', 'My Pipeline', 'All Leads', 'Call Logs', 'Floor Reports']);
    unmount();
    render(<SideMenu role="manager" />);
    expect(entries()).toEqual(['Home', 'Open Leads', 'My Pipeline', 'All Leads', 'Call Logs', 'Floor Reports', 'Configuration']);
  });

  it('switches the view and marks the current entry', async () => {
    useUiStore.setState({ view: 'my-pipeline' });
    render(<SideMenu role="agent" />);
    await userEvent.click(screen.getByRole('button', { name: 'Open Leads' }));
    expect(useUiStore.getState().view).toBe('open-leads');
    expect(screen.getByRole('button', { name: 'Open Leads' }).getAttribute('aria-current')).toBe('page');
  });
});
