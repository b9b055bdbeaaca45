import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { User } from '../../../src-shared/contract/entities.schema';
import type { ReplicaDb } from '../../db/replica-db';
import { UsersPanel } from './UsersPanel';
import { MANAGER, answer, configReplica, refusal, renderConfig, stubCrm, toastTexts } from './config.fixture';

function userCrm(db: ReplicaDb) {
  const updateUser = vi.fn(async ({ id, patch }: { id: string; patch: Partial<User> & { password?: string } }) => {
    const { password: _password, ...visible } = patch;
    await db.users.update(id, visible);
    return answer((await db.users.get(id))!);
  });
  const createUser = vi.fn(async (body: Omit<User, 'id' | 'active'> & { password: string }) => {
    const user: User = { id: `u-${body.login}`, login: body.login, name: body.name, email: body.email, role: body.role, active: true };
    await db.users.add(user);
    return answer(user);
  });
  stubCrm({ updateUser: updateUser as never, createUser: createUser as never });
  return { updateUser, createUser };
}

const userRow = (login: string) => screen.getByText(login, { selector: 'td' }).closest('tr') as HTMLElement;

describe('UsersPanel', () => {
  it('lists users with login, role and status; the manager cannot demote or deactivate themselves', async () => {
    const db = await configReplica();
    userCrm(db);
    renderConfig(db, <UsersPanel actorId={MANAGER.id} />);
    await screen.findByText('agent1', { selector: 'td' });
    const rows = screen.getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').slice(0, 2).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Maria Santos', 'agent1'],
      ['Ramon Dela Rosa (you)', 'manager1'],
      ['Jose Reyes', 'agent2'],
    ]);
    expect(within(userRow('agent2')).getByText('Inactive')).toBeTruthy();
    expect(within(userRow('manager1')).getByRole('combobox', { name: 'Role of manager1' })).toHaveProperty('disabled', true);
    expect(within(userRow('manager1')).getByRole('button', { name: 'Deactivate' })).toHaveProperty('disabled', true);
  });

  it('changes a role in place, and shows the hub refusal as is', async () => {
    const db = await configReplica();
    const { updateUser } = userCrm(db);
    renderConfig(db, <UsersPanel actorId={MANAGER.id} />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Role of agent1' }), 'supervisor');
    expect(updateUser).toHaveBeenCalledWith({ id: 'u-agent1', patch: { role: 'supervisor' } });
    await waitFor(() => expect(toastTexts()).toContain('success: agent1 is now BPO Supervisor'));
    updateUser.mockResolvedValueOnce(refusal('forbidden', 'Only managers can edit users.') as never);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Role of agent1' }), 'manager');
    expect((await screen.findByRole('alert')).textContent).toBe('agent1: Only managers can edit users.');
  });

  it('deactivates after confirmation and reactivates directly', async () => {
    const db = await configReplica();
    const { updateUser } = userCrm(db);
    renderConfig(db, <UsersPanel actorId={MANAGER.id} />);
    await screen.findByText('agent1', { selector: 'td' });
    await userEvent.click(within(userRow('agent1')).getByRole('button', { name: 'Deactivate' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate agent1' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(updateUser).toHaveBeenCalledWith({ id: 'u-agent1', patch: { active: false } });
    await waitFor(() => expect(within(userRow('agent1')).getByText('Inactive')).toBeTruthy());
    await userEvent.click(within(userRow('agent2')).getByRole('button', { name: 'Reactivate' }));
    expect(updateUser).toHaveBeenLastCalledWith({ id: 'u-agent2', patch: { active: true } });
  });

  it('creates a user, validating every field inline first', async () => {
    const db = await configReplica();
    const { createUser } = userCrm(db);
    renderConfig(db, <UsersPanel actorId={MANAGER.id} />);
    await userEvent.click(await screen.findByRole('button', { name: 'New user' }));
    const dialog = screen.getByRole('dialog', { name: 'New user' });
    await userEvent.type(within(dialog).getByLabelText('Login'), 'agent 3');
    await userEvent.type(within(dialog).getByLabelText('Initial password'), 'short');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(within(dialog).getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
      'Login: Letters, digits, ".", "_", "-" and "@" only',
      'Name: Must not be empty',
      'E-mail: Must be an e-mail address like name@example.com',
      'Initial password: At least 8 characters',
    ]);
    expect(createUser).not.toHaveBeenCalled();
    await userEvent.clear(within(dialog).getByLabelText('Login'));
    await userEvent.type(within(dialog).getByLabelText('Login'), 'agent3');
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Carlo Ramos');
    await userEvent.type(within(dialog).getByLabelText('E-mail'), 'carlo@bpo.example');
    await userEvent.selectOptions(within(dialog).getByLabelText('Role'), 'supervisor');
    await userEvent.type(within(dialog).getByLabelText('Initial password'), '-and-longer');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(createUser).toHaveBeenCalledWith({ login: 'agent3', name: 'Carlo Ramos', email: 'carlo@bpo.example', role: 'supervisor', password: 'short-and-longer' });
    await screen.findByText('agent3', { selector: 'td' });
  });

  it('resets a password through a dialog that checks length and the repeat', async () => {
    const db = await configReplica();
    const { updateUser } = userCrm(db);
    renderConfig(db, <UsersPanel actorId={MANAGER.id} />);
    await screen.findByText('agent1', { selector: 'td' });
    await userEvent.click(within(userRow('agent1')).getByRole('button', { name: 'Reset password…' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset password of agent1' });
    await userEvent.type(within(dialog).getByLabelText('New password'), 'abc');
    await userEvent.type(within(dialog).getByLabelText('Repeat password'), 'abd');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    expect(within(dialog).getAllByRole('alert').map((alert) => alert.textContent)).toEqual(['New password: At least 8 characters', 'Repeat password: Does not match the new password']);
    await userEvent.type(within(dialog).getByLabelText('New password'), 'defghij');
    await userEvent.clear(within(dialog).getByLabelText('Repeat password'));
    await userEvent.type(within(dialog).getByLabelText('Repeat password'), 'abcdefghij');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(updateUser).toHaveBeenCalledWith({ id: 'u-agent1', patch: { password: 'abcdefghij' } });
  });
});
