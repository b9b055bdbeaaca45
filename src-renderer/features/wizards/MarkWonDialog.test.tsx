import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { WonProgress } from '../../../src-shared/contract/ipc.contract';
import type { Result } from '../../../src-shared/contract/result';
import type { MarkWonOutput } from '../../../src-shared/contract/ipc.contract';
import { useUiStore } from '../../app/ui-store';
import { makeLead, stubCrm } from '../lead-form/lead-form.fixture';
import { MarkWonDialog } from './MarkWonDialog';

function setup() {
  let emit: (progress: WonProgress) => void = () => undefined;
  let answer: (result: Result<MarkWonOutput>) => void = () => undefined;
  const markWon = vi.fn(() => new Promise<Result<MarkWonOutput>>((resolve) => (answer = resolve)));
  stubCrm({
    markWon,
    onWonProgress: (listener) => {
      emit = listener;
      return () => undefined;
    },
  });
  useUiStore.setState({ toasts: [] });
  const onClose = vi.fn();
  render(<MarkWonDialog leadId="lead-1" leadRef="LEAD/2026/00042" onClose={onClose} />);
  return { markWon, onClose, emit: (progress: WonProgress) => act(() => emit(progress)), answer: (result: Result<MarkWonOutput>) => act(() => answer(result)) };
}

const steps = (states: WonProgress['steps'][number]['state'][]): WonProgress['steps'] =>
  (
    [
      ['prepare', 'Check the dealership connection'],
      ['partner', 'Find or create the customer'],
      ['order', 'Create the Sales Order'],
      ['confirm', 'Record the order on the lead'],
    ] as const
  ).map(([id, label], index) => ({ id, label, state: states[index] ?? 'pending' }));

describe('MarkWonDialog', () => {
  it('asks first, then shows the live steps and the success toast with the SO number', async () => {
    const { markWon, onClose, emit, answer } = setup();
    expect(screen.getByRole('dialog', { name: 'Mark as Won' }).textContent).toContain('LEAD/2026/00042');
    expect(markWon).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: Mark as Won' }));
    expect(markWon).toHaveBeenCalledWith({ leadId: 'lead-1' });
    emit({ leadId: 'other-lead', steps: steps(['failed']) });
    emit({ leadId: 'lead-1', steps: steps(['done', 'running']) });
    const list = screen.getByRole('list', { name: 'Won progress' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '✓Check the dealership connection (done)',
      '◐Find or create the customer (running)',
      '○Create the Sales Order (pending)',
      '○Record the order on the lead (pending)',
    ]);
    answer({ ok: true, value: { lead: makeLead({ stageId: 'won', dealerSoName: 'S00012' }), soName: 'S00012', dealershipName: 'Sandbox Motors', toast: 'Sales Order S00012 created on Sandbox Motors' } });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(useUiStore.getState().toasts.map((toast) => toast.text)).toEqual(['Sales Order S00012 created on Sandbox Motors']);
  });

  it('names the step it waits for; once the hub has the order, says only the sync is left and may be closed', async () => {
    const { onClose, emit } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: Mark as Won' }));
    const status = () => within(screen.getByRole('dialog', { name: 'Mark as Won' })).getByRole('status').textContent;
    expect(status()).toBe('Starting…');
    emit({ leadId: 'lead-1', steps: steps(['done', 'done', 'running']) });
    expect(status()).toBe('Waiting for: Create the Sales Order.');
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    emit({ leadId: 'lead-1', steps: [...steps(['done', 'done', 'done', 'done']), { id: 'sync', label: 'Update the lead on this computer (sync with the hub)', state: 'running' }] });
    expect(status()).toBe(
      'The Sales Order is recorded on the lead. Waiting for: Update the lead on this computer (sync with the hub). You can close this window; the lead updates here when the sync ends.',
    );
    // The footer's Close and the title's ×, both enabled now.
    const closers = screen.getAllByRole('button', { name: 'Close' }) as HTMLButtonElement[];
    expect(closers.map((button) => button.disabled)).toEqual([false, false]);
    await userEvent.click(closers[1] as HTMLButtonElement);
    expect(onClose).toHaveBeenCalled();
  });

  it('shows the error with what to check and stays open; the lead stays where it was', async () => {
    const { onClose, emit, answer } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm: Mark as Won' }));
    emit({ leadId: 'lead-1', steps: steps(['done', 'failed']) });
    const message = 'The dealer could not be reached. The lead stays where it was. Ask a manager to run Test Connection on the dealership.';
    answer({ ok: false, error: { code: 'dealer_unreachable', message } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(message);
    expect(alert.textContent).toContain('it stays where it was');
    expect(screen.getByText('Find or create the customer').className).toContain('won-step-failed');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    expect(useUiStore.getState().toasts).toEqual([]);
  });
});
