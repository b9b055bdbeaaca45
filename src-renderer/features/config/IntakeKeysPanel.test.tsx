import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IntakeKey } from '../../../src-shared/contract/config.schema';
import { IntakeKeysPanel } from './IntakeKeysPanel';
import { SHOWN_ONCE } from './NewIntakeKeyDialog';
import { answer, refusal, stubCrm } from './config.fixture';

function keysCrm(initial: IntakeKey[]) {
  let keys = [...initial];
  const listIntakeKeys = vi.fn(async () => answer(keys));
  const createIntakeKey = vi.fn(async ({ name }: { name: string }) => {
    const created = { id: `k-${keys.length + 1}`, name, createdAt: '2026-03-02T09:00:00Z' };
    keys = [...keys, created];
    return answer({ ...created, key: 'ik_9f2c1e7d5b3a' });
  });
  const revokeIntakeKey = vi.fn(async ({ id }: { id: string }) => {
    keys = keys.filter((key) => key.id !== id);
    return answer({});
  });
  stubCrm({ listIntakeKeys, createIntakeKey: createIntakeKey as never, revokeIntakeKey: revokeIntakeKey as never });
  return { createIntakeKey, revokeIntakeKey };
}

const names = () => screen.queryAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0]?.textContent);

describe('IntakeKeysPanel', () => {
  it('creates a key and shows it once, with a copy button and the warning', async () => {
    const { createIntakeKey } = keysCrm([{ id: 'k-1', name: 'Distributor feed', createdAt: '2026-03-01T09:00:00Z' }]);
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    render(<IntakeKeysPanel />);
    await waitFor(() => expect(names()).toEqual(['Distributor feed']));
    await userEvent.click(screen.getByRole('button', { name: 'New intake key' }));
    const form = screen.getByRole('dialog', { name: 'New intake key' });
    await userEvent.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(within(form).getByRole('alert').textContent).toBe('Name: Must not be empty');
    await userEvent.type(within(form).getByLabelText('Name'), 'Website form');
    await userEvent.click(within(form).getByRole('button', { name: 'Create key' }));
    const shown = await screen.findByRole('dialog', { name: 'Intake key "Website form"' });
    expect(createIntakeKey).toHaveBeenCalledWith({ name: 'Website form' });
    expect(within(shown).getByText(SHOWN_ONCE)).toBeTruthy();
    expect((within(shown).getByLabelText('Intake key') as HTMLInputElement).value).toBe('ik_9f2c1e7d5b3a');
    await userEvent.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('ik_9f2c1e7d5b3a');
    expect(within(shown).getByRole('status').textContent).toBe('Copied to the clipboard.');
    await waitFor(() => expect(names()).toEqual(['Distributor feed', 'Website form']));
    await userEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    // Listed by name only: the key itself is nowhere on screen once the dialog is closed.
    expect(screen.queryByText(/ik_9f2c1e7d5b3a/)).toBeNull();
  });

  it('revokes a key only after confirmation', async () => {
    const { revokeIntakeKey } = keysCrm([
      { id: 'k-1', name: 'Distributor feed', createdAt: '2026-03-01T09:00:00Z' },
      { id: 'k-2', name: 'Website form', createdAt: '2026-03-01T10:00:00Z' },
    ]);
    render(<IntakeKeysPanel />);
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Distributor feed' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke intake key "Distributor feed"' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(revokeIntakeKey).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Revoke Distributor feed' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(names()).toEqual(['Website form']));
    expect(revokeIntakeKey).toHaveBeenCalledWith({ id: 'k-1' });
  });

  it("shows the hub's refusal as is", async () => {
    stubCrm({ listIntakeKeys: async () => refusal('forbidden', 'Only managers can manage intake keys.') });
    render(<IntakeKeysPanel />);
    expect((await screen.findByRole('alert')).textContent).toBe('Only managers can manage intake keys.');
  });
});
