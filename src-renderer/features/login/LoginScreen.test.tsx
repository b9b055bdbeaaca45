import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exampleUser } from '../../../src-shared/contract/contract-examples.fixture';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import { LoginScreen } from './LoginScreen';

function withCrm(signIn: CrmApi['signIn']) {
  window.crm = { signIn } as unknown as CrmApi;
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
});
