import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CrmApi } from '../../src-shared/contract/crm-api';
import type { UpdateState } from '../../src-shared/contract/ipc.contract';
import { useCallTimerStore } from '../features/wizards/call-timer.store';
import { useOpenDialogs } from '../features/wizards/open-dialogs.store';
import { UpdateBanner } from './UpdateBanner';

function stub(initial: UpdateState, restart: CrmApi['restartToUpdate'] = vi.fn(async () => ({ ok: true as const, value: undefined }))) {
  let push: (state: UpdateState) => void = () => undefined;
  window.crm = {
    updateState: async () => ({ ok: true as const, value: initial }),
    onUpdateChanged: (listener: (state: UpdateState) => void) => {
      push = listener;
      return () => undefined;
    },
    restartToUpdate: restart,
  } as unknown as CrmApi;
  return { restart, push: (state: UpdateState) => act(() => push(state)) };
}

afterEach(() => {
  useCallTimerStore.setState({ startedAt: {} });
  useOpenDialogs.setState({ open: 0 });
});

describe('the update banner', () => {
  it('shows nothing without an update, the download while it runs, then Restart to update', async () => {
    const { restart, push } = stub({ status: 'none' });
    const { container } = render(<UpdateBanner />);
    await act(async () => undefined);
    expect(container.textContent).toBe('');
    push({ status: 'downloading', version: '1.4.0', percent: 42 });
    expect(screen.getByRole('status', { name: 'Update' }).textContent).toBe('Downloading BPO CRM 1.4.0 in the background… 42%');
    push({ status: 'ready', version: '1.4.0' });
    expect(screen.getByRole('status', { name: 'Update' }).textContent).toContain('BPO CRM 1.4.0 is ready.');
    await userEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('never offers the restart during a call or with a wizard open', async () => {
    const { restart } = stub({ status: 'ready', version: '1.4.0' });
    act(() => useCallTimerStore.getState().start('lead-1'));
    render(<UpdateBanner />);
    const button = await screen.findByRole('button', { name: 'Restart to update' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('status', { name: 'Update' }).textContent).toContain('Restart to update after your call (a call timer is running).');
    act(() => useCallTimerStore.getState().stop('lead-1'));
    act(() => useOpenDialogs.getState().opened());
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('status', { name: 'Update' }).textContent).toContain('once the open wizard is finished or closed');
    act(() => useOpenDialogs.getState().closed());
    expect((button as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(button);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it("says why main refused (a Won push running)", async () => {
    stub({ status: 'ready', version: '1.4.0' }, vi.fn(async () => ({ ok: false as const, error: { code: 'invalid_input' as const, message: 'Restart after that: Mark as Won is creating a Sales Order on the dealer.' } })));
    render(<UpdateBanner />);
    await userEvent.click(await screen.findByRole('button', { name: 'Restart to update' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Restart after that: Mark as Won is creating a Sales Order on the dealer.');
  });
});
