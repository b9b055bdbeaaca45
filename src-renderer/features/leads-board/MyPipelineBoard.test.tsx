import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { forwardOnlyMessage } from '../../../src-shared/domain/transitions';
import { useUiStore } from '../../app/ui-store';
import { Toasts } from '../shell/Toasts';
import { MyPipelineBoard } from './MyPipelineBoard';
import { aLead, anActivity, giveElementsASize, renderWithReplica } from './board-test-kit';

const actor = { id: 'u1', role: 'agent' as const };
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const leads = [
  aLead({ id: '1', userId: 'u1', stageId: 'new', customer: { name: 'Ana Cruz', phone: null, email: null } }),
  aLead({ id: '2', userId: 'u1', stageId: 'qualified', customer: { name: 'Ben Reyes', phone: null, email: null } }),
  aLead({ id: '3', userId: 'u1', stageId: 'negotiation', customer: { name: 'Carla Lim', phone: null, email: null } }),
  aLead({ id: '4', userId: 'u1', stageId: 'lost', customer: { name: 'Dan Lost', phone: null, email: null } }),
  aLead({ id: '5', userId: 'u2', stageId: 'new', customer: { name: 'Not Mine', phone: null, email: null } }),
  aLead({ id: '6', userId: null, stageId: 'new', customer: { name: 'In The Pool', phone: null, email: null } }),
];
const activities = [
  anActivity({ id: 'a1', leadId: '1', dueAt: at(-2 * DAY) }),
  anActivity({ id: 'a2', leadId: '1', dueAt: at(3 * DAY) }),
  anActivity({ id: 'a3', leadId: '2', dueAt: new Date().toISOString() }),
  anActivity({ id: 'a4', leadId: '3', dueAt: at(3 * DAY) }),
  anActivity({ id: 'a5', leadId: '3', dueAt: at(-2 * DAY), done: true }),
];

const card = (leadId: string) => document.querySelector<HTMLElement>(`.card[data-lead-id="${leadId}"]`);
const ok = <T,>(value: T) => ({ ok: true as const, value });

async function setup(crmStub: Record<string, unknown> = {}) {
  const stubs = { moveStage: vi.fn(async () => ok({ ...leads[0], stageId: 'qualified', version: 2 })), markWon: vi.fn(), ...crmStub };
  const view = await renderWithReplica(
    <>
      <MyPipelineBoard actor={actor} />
      <Toasts />
    </>,
    { leads, activities },
    stubs as never,
  );
  await screen.findByText('Ana Cruz');
  return { ...view, stubs };
}

describe('MyPipelineBoard', () => {
  beforeAll(giveElementsASize);

  it('groups the user\'s own leads by stage, Lost folded with its count, with the activity pill colours', async () => {
    await setup();
    expect(within(screen.getByRole('region', { name: 'New' })).getByText('Ana Cruz')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Qualified' })).getByText('Ben Reyes')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Negotiation' })).getByText('Carla Lim')).toBeTruthy();
    expect(screen.queryByText('Not Mine')).toBeNull();
    expect(screen.queryByText('In The Pool')).toBeNull();
    const lost = screen.getByRole('region', { name: 'Lost (folded)' });
    expect(within(lost).queryByText('Dan Lost')).toBeNull();
    expect(within(lost).getByText('1')).toBeTruthy();
    fireEvent.click(within(lost).getByRole('button', { name: /^Show\s*1\s*Lost$/ }));
    expect(within(screen.getByRole('region', { name: 'Lost' })).getByText('Dan Lost')).toBeTruthy();
    // most urgent open activity wins; done ones do not count
    await waitFor(() => expect(card('1')?.querySelector('.pill')?.className).toContain('pill-red'));
    expect(card('2')?.querySelector('.pill')?.className).toContain('pill-yellow');
    expect(card('3')?.querySelector('.pill')?.className).toContain('pill-green');
  });

  it('refuses a backwards keyboard move with the rule\'s verbatim text, without calling the hub', async () => {
    const { stubs } = await setup();
    fireEvent.keyDown(card('2') as HTMLElement, { key: 'ArrowLeft', ctrlKey: true });
    expect((await screen.findByRole('alert')).textContent).toContain(forwardOnlyMessage('Qualified', 'Negotiation'));
    expect(
      'Leads can only move forward one stage at a time. From "Qualified" the only allowed next stage is "Negotiation". Use the Mark Won or Mark Lost buttons to close the lead instead.',
    ).toBe(forwardOnlyMessage('Qualified', 'Negotiation'));
    expect(stubs.moveStage).not.toHaveBeenCalled();
    expect(within(screen.getByRole('region', { name: 'Qualified' })).getByText('Ben Reyes')).toBeTruthy();
  });

  it('advances one stage with Ctrl+→ through the hub', async () => {
    const { stubs } = await setup();
    fireEvent.keyDown(card('1') as HTMLElement, { key: 'ArrowRight', ctrlKey: true });
    await waitFor(() => expect(stubs.moveStage).toHaveBeenCalledWith({ leadId: '1', stageId: 'qualified', version: 1 }));
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Qualified' })).getByText('Ana Cruz')).toBeTruthy());
  });

  it('shows the hub\'s refusal as is and puts the card back', async () => {
    await setup({ moveStage: vi.fn(async () => ({ ok: false, error: { code: 'conflict', message: 'This lead was changed by someone else. Reload it.' } })) });
    fireEvent.keyDown(card('1') as HTMLElement, { key: 'ArrowRight', ctrlKey: true });
    expect((await screen.findByRole('alert')).textContent).toContain('This lead was changed by someone else. Reload it.');
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'New' })).getByText('Ana Cruz')).toBeTruthy());
  });

  it('runs the Won flow on a move onto Won, and shows its error instead of doing nothing', async () => {
    const markWon = vi.fn(async () => ({ ok: false, error: { code: 'dealer_not_configured', message: 'The dealership of this lead has no Odoo Connection configured.' } }));
    const { stubs } = await setup({ markWon });
    fireEvent.keyDown(card('3') as HTMLElement, { key: 'ArrowRight', ctrlKey: true });
    await waitFor(() => expect(markWon).toHaveBeenCalledWith({ leadId: '3' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The dealership of this lead has no Odoo Connection configured.');
    expect(stubs.moveStage).not.toHaveBeenCalled();
    expect(within(screen.getByRole('region', { name: 'Negotiation' })).getByText('Carla Lim')).toBeTruthy();
  });

  it('shows the Won toast text from the result', async () => {
    const markWon = vi.fn(async () => ok({ lead: { ...leads[2], stageId: 'won', version: 2 }, soName: 'S00042', dealershipName: 'Toyota North', toast: 'Sales Order S00042 created at Toyota North.' }));
    await setup({ markWon });
    fireEvent.keyDown(card('3') as HTMLElement, { key: 'ArrowRight', ctrlKey: true });
    expect((await screen.findByText('Sales Order S00042 created at Toyota North.')).closest('.toast-success')).not.toBeNull();
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Won' })).getByText('Carla Lim')).toBeTruthy());
  });

  it('opens the lead form for the lost reason on a move onto Lost', async () => {
    useUiStore.setState({ openLeadId: null });
    const { useStageMove } = await import('./use-stage-move');
    const { renderHook, act } = await import('@testing-library/react');
    const { defaultStages } = await import('../../../src-shared/domain/stages.fixture');
    const moveStage = vi.fn();
    window.crm = { moveStage } as never;
    const { result } = renderHook(() => useStageMove(defaultStages()));
    await act(() => result.current.move(leads[1] as never, 'lost'));
    expect(useUiStore.getState().openLeadId).toBe('2');
    expect(useUiStore.getState().openLeadWizard).toBe('mark_lost');
    expect(useUiStore.getState().toasts.at(-1)?.text).toBe('Choose a lost reason to close LEAD/2026/00002 as Lost.');
    // a drop that skips a stage (New → Negotiation) is refused before the hub
    await act(() => result.current.move(leads[0] as never, 'negotiation'));
    expect(useUiStore.getState().toasts.at(-1)?.text).toBe(forwardOnlyMessage('New', 'Qualified'));
    expect(moveStage).not.toHaveBeenCalled();
  });
});
