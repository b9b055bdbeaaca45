import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { useUiStore } from '../../app/ui-store';
import { Toasts } from './Toasts';

describe('Toasts', () => {
  it('has its two live regions before any toast comes, so each one is read out as it arrives', () => {
    useUiStore.setState({ toasts: [] });
    render(<Toasts />);
    const tray = screen.getByRole('region', { name: 'Notifications' });
    const polite = within(tray).getByRole('status');
    const assertive = within(tray).getByRole('alert');
    act(() => {
      useUiStore.getState().toast('success', 'You are now assigned to lead LEAD/2026/00001');
      useUiStore.getState().toast('error', 'The hub refused the move.');
    });
    expect(polite.textContent).toBe('You are now assigned to lead LEAD/2026/00001×');
    expect(assertive.textContent).toBe('The hub refused the move.×');
    expect(within(tray).getAllByRole('button', { name: 'Dismiss' })).toHaveLength(2);
  });
});
