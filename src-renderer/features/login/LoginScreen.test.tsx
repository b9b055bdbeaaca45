import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exampleUser } from '../../../src-shared/contract/contract-examples.fixture';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import type { MachineSetupInfo } from '../../../src-shared/contract/ipc.contract';
import { LoginScreen } from './LoginScreen';

function withCrm(signIn: CrmApi['signIn'], machine?: MachineSetupInfo) {
  const appInfo = async () => ({ ok: true as const, value: { version: 'test', platform: 'linux', ...(machine ? { machine } : {}) } });
  window.crm = { signIn, appInfo } as unknown as CrmApi;
}

describe('LoginScreen', () => {
  it('lists the demo users in training mode and signs in with one', async () => {
    const signIn = vi.fn(async () => ({ ok: true as const, value: exampleUser }));
    withCrm(signIn);
    const onSignedIn = vi.fn();
    render(<LoginScreen onSignedIn={onSignedIn} />);
    await userEvent.click(screen.getByRole('button', { name: /agent1 Maria Santos · BPO Agent/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(signIn).toHaveBeenCalledWith({ login: 'agent1', password: 'training' });
    expect(onSignedIn).toHaveBeenCalled();
  });

  it('shows the hub\'s message when sign-in is refused, and hides demo users for a real hub', async () => {
    withCrm(vi.fn(async () => ({ ok: false as const, error: { code: 'invalid_credentials' as const, message: 'Wrong login or password, or the account is deactivated.' } })));
    render(<LoginScreen onSignedIn={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Hub address'), 'https://hub.example.com');
    expect(screen.queryByLabelText('Training users')).toBeNull();
    await userEvent.type(screen.getByLabelText('Login'), 'maria');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong login or password, or the account is deactivated.');
  });

  it("on a computer IT provisioned: the hub's name instead of an address, training only where allowed", async () => {
    const signIn = vi.fn(async () => ({ ok: true as const, value: exampleUser }));
    withCrm(signIn, { kind: 'provisioned', hubName: 'Manila floor', trainingAllowed: false });
    render(<LoginScreen onSignedIn={() => undefined} />);
    expect((await screen.findByText('Manila floor')).closest('p')?.textContent).toBe('Hub: Manila floor · set by IT for this computer');
    expect(screen.queryByLabelText('Hub address')).toBeNull();
    expect(screen.queryByLabelText('Training users')).toBeNull();
    expect(screen.queryByLabelText(/Training mode/)).toBeNull();
    await userEvent.type(screen.getByLabelText('Login'), 'maria');
    await userEvent.type(screen.getByLabelText('Password'), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(signIn).toHaveBeenCalledWith({ login: 'maria', password: 'secret' });
  });

  it('offers training mode on a provisioned computer where IT allows it', async () => {
    const signIn = vi.fn(async () => ({ ok: true as const, value: exampleUser }));
    withCrm(signIn, { kind: 'provisioned', hubName: 'Manila floor', trainingAllowed: true });
    render(<LoginScreen onSignedIn={() => undefined} />);
    await userEvent.click(await screen.findByLabelText(/Training mode/));
    await userEvent.click(screen.getByRole('button', { name: /agent1 Maria Santos/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(signIn).toHaveBeenCalledWith({ login: 'agent1', password: 'training', training: true });
  });

  it('says what is wrong with a bad settings file and lets no one sign in', async () => {
    withCrm(vi.fn(), { kind: 'invalid', file: 'C:\\ProgramData\\BPO CRM\\config.json', problem: 'hubName: Required' });
    render(<LoginScreen onSignedIn={() => undefined} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("This computer's BPO CRM settings are not valid");
    expect(alert.textContent).toContain('C:\\ProgramData\\BPO CRM\\config.json: hubName: Required');
    expect(alert.textContent).toContain('Ask IT to correct the file, then restart BPO CRM.');
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });
});
