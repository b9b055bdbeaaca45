import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import type { Stage } from '../../../src-shared/domain/stages';
import { defaultStages } from '../../../src-shared/domain/stages.fixture';
import type { ReplicaDb } from '../../db/replica-db';
import { StagesPanel, NO_WON_STAGE_WARNING } from './StagesPanel';
import { aLead, answer, configReplica, refusal, renderConfig, stubCrm, toastTexts } from './config.fixture';

/** updateStage and reorderStages as main answers them: the hub's stage, and the replica synced before the call resolves. */
function syncingCrm(db: ReplicaDb, extra: Partial<CrmApi> = {}) {
  const updateStage = vi.fn(async ({ id, patch }: { id: string; patch: Partial<Stage> }) => {
    await db.stages.update(id, patch);
    return answer((await db.stages.get(id))!);
  });
  const reorderStages = vi.fn(async ({ stageIds }: { stageIds: string[] }) => {
    await Promise.all(stageIds.map((id, index) => db.stages.update(id, { sequence: (index + 1) * 10 })));
    return answer(await db.stages.toArray());
  });
  stubCrm({ updateStage: updateStage as never, reorderStages: reorderStages as never, ...extra });
  return { updateStage, reorderStages };
}

const rowNames = () => within(screen.getByRole('list', { name: 'Stages by sequence' })).getAllByRole('listitem').map((row) => row.getAttribute('aria-label'));
const row = (name: string) => screen.getByRole('listitem', { name });

describe('StagesPanel', () => {
  it('warns that Mark as Won fails while no stage is won, until one is marked Won', async () => {
    const db = await configReplica({ stages: defaultStages().map((stage) => ({ ...stage, isWon: false })) });
    const { updateStage } = syncingCrm(db);
    renderConfig(db, <StagesPanel />);
    expect((await screen.findByRole('alert')).textContent).toBe(NO_WON_STAGE_WARNING);
    expect(NO_WON_STAGE_WARNING).toMatch(/^No won stage configured/);
    await userEvent.click(within(row('Won')).getByRole('checkbox', { name: 'Won' }));
    expect(updateStage).toHaveBeenCalledWith({ id: 'won', patch: { isWon: true } });
    await waitFor(() => expect(screen.queryByText(NO_WON_STAGE_WARNING)).toBeNull());
  });

  it('lists stages by sequence and moves one with the keyboard buttons (main renumbers them)', async () => {
    const db = await configReplica();
    const { reorderStages } = syncingCrm(db);
    renderConfig(db, <StagesPanel />);
    await waitFor(() => expect(rowNames()).toEqual(['New', 'Qualified', 'Negotiation', 'Won', 'Lost']));
    expect(screen.getByRole('button', { name: 'Move New up' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Move Qualified up' }));
    expect(reorderStages).toHaveBeenCalledWith({ stageIds: ['qualified', 'new', 'negotiation', 'won', 'lost'] });
    expect(rowNames()).toEqual(['Qualified', 'New', 'Negotiation', 'Won', 'Lost']);
    await waitFor(() => expect(screen.getByRole('list', { name: 'Stages by sequence' }).getAttribute('aria-busy')).toBe('false'));
    expect(await db.stages.get('qualified')).toMatchObject({ sequence: 10 });
    await userEvent.click(screen.getByRole('button', { name: 'Move Won down' }));
    expect(reorderStages).toHaveBeenLastCalledWith({ stageIds: ['qualified', 'new', 'negotiation', 'lost', 'won'] });
  });

  it('keeps the keyboard on the moved stage, on the other button once it reaches the end', async () => {
    const db = await configReplica();
    syncingCrm(db);
    renderConfig(db, <StagesPanel />);
    const down = await screen.findByRole('button', { name: 'Move Negotiation down' });
    down.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(rowNames()).toEqual(['New', 'Qualified', 'Won', 'Negotiation', 'Lost']));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move Negotiation down' })));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Stages by sequence' }).getAttribute('aria-busy')).toBe('false'));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(rowNames()).toEqual(['New', 'Qualified', 'Won', 'Lost', 'Negotiation']));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move Negotiation up' })));
  });

  it('renames in place on Enter, refuses an empty name naming the field, and Esc puts the name back', async () => {
    const db = await configReplica();
    const { updateStage } = syncingCrm(db);
    renderConfig(db, <StagesPanel />);
    const name = await screen.findByRole('textbox', { name: 'Name of stage Negotiation' });
    await userEvent.clear(name);
    await userEvent.keyboard('{Enter}');
    expect(within(row('Negotiation')).getByRole('alert').textContent).toBe('Name: Must not be empty');
    await userEvent.keyboard('{Escape}');
    expect((name as HTMLInputElement).value).toBe('Negotiation');
    await userEvent.clear(name);
    await userEvent.type(name, 'Offer{Enter}');
    expect(updateStage).toHaveBeenCalledTimes(1);
    expect(updateStage).toHaveBeenCalledWith({ id: 'negotiation', patch: { name: 'Offer' } });
    await screen.findByRole('listitem', { name: 'Offer' });
  });

  it('ticking Lost on a won stage clears Won in the same change', async () => {
    const db = await configReplica();
    const { updateStage } = syncingCrm(db);
    renderConfig(db, <StagesPanel />);
    await userEvent.click(within(await screen.findByRole('listitem', { name: 'Won' })).getByRole('checkbox', { name: 'Lost' }));
    expect(updateStage).toHaveBeenCalledWith({ id: 'won', patch: { isLost: true, isWon: false } });
  });

  it('explains beforehand that a stage holding leads keeps its flags, and shows the hub refusal as is', async () => {
    const db = await configReplica({ leads: [aLead('1', 'qualified'), aLead('2', 'qualified')] });
    const message = 'The stage "Lost" holds 7 lead(s): its won/lost flags cannot change while it does, because that would silently reopen or close them. Create a new stage instead.';
    stubCrm({ updateStage: vi.fn(async () => refusal('stage_in_use', message)) as never });
    renderConfig(db, <StagesPanel />);
    const qualified = await screen.findByRole('listitem', { name: 'Qualified' });
    await waitFor(() => expect(within(qualified).getByText(/^This stage holds 2 leads/)).toBeTruthy());
    expect(within(qualified).getByRole('checkbox', { name: 'Won' })).toHaveProperty('disabled', true);
    expect(within(qualified).getByRole('checkbox', { name: 'Lost' })).toHaveProperty('disabled', true);
    expect(within(qualified).getByRole('checkbox', { name: 'Folded' })).toHaveProperty('disabled', false);
    expect(within(qualified).getByRole('button', { name: 'Delete' })).toHaveProperty('disabled', true);
    // The replica cannot know every closed lead: the hub is the guard.
    await userEvent.click(within(row('Lost')).getByRole('checkbox', { name: 'Lost' }));
    expect((await within(row('Lost')).findByRole('alert')).textContent).toBe(message);
  });

  it('deletes a stage after confirmation; a refusal stays in the dialog as the hub wrote it', async () => {
    const db = await configReplica({ stages: [...defaultStages(), { id: 'test-drive', name: 'Test Drive', sequence: 60, isWon: false, isLost: false, folded: false }] });
    const deleteStage = vi.fn().mockResolvedValueOnce(refusal('stage_in_use', 'The stage "Test Drive" holds 1 lead(s) and cannot be deleted.')).mockResolvedValueOnce(answer({}));
    stubCrm({ deleteStage });
    renderConfig(db, <StagesPanel />);
    await userEvent.click(within(await screen.findByRole('listitem', { name: 'Test Drive' })).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete stage "Test Drive"' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete stage' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The stage "Test Drive" holds 1 lead(s) and cannot be deleted.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete stage' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deleteStage).toHaveBeenCalledWith({ id: 'test-drive' });
    expect(toastTexts()).toContain('success: Stage "Test Drive" deleted');
  });

  it('adds a stage at the end, and names the field when the name is missing', async () => {
    const db = await configReplica();
    const createStage = vi.fn(async (body: Omit<Stage, 'id'>) => answer({ id: 'new-1', ...body }));
    stubCrm({ createStage: createStage as never });
    renderConfig(db, <StagesPanel />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add stage' }));
    expect(screen.getByRole('alert').textContent).toBe('New stage name: Must not be empty');
    expect(createStage).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText('New stage name'), 'Test Drive');
    await userEvent.click(screen.getByRole('button', { name: 'Add stage' }));
    await waitFor(() => expect(createStage).toHaveBeenCalledWith({ name: 'Test Drive', sequence: 60, isWon: false, isLost: false, folded: false }));
    expect((screen.getByLabelText('New stage name') as HTMLInputElement).value).toBe('');
  });
});
