import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { useSessionStore } from '../../app/session-store';
import { USERS } from '../lead-form/lead-form.fixture';
import { ShortcutHelp } from './ShortcutHelp';

describe('the help (?)', () => {
  it("says how the lock works, with the manager's idle minutes of this session", () => {
    useSessionStore.getState().setSession({ user: USERS[0]!, hubUrl: 'http://127.0.0.1:1', online: true, remembered: true, locked: false, idleLockMinutes: 7 });
    render(<ShortcutHelp onClose={() => undefined} />);
    const help = screen.getByRole('region', { name: 'Locking' }).textContent ?? '';
    expect(help).toContain('locks after 7 minutes without mouse or keyboard');
    expect(help).toContain('never while a call timer runs');
    expect(help).toContain('when the computer locks, sleeps or switches user');
    expect(help).toContain('Not you? Sign out');
    expect(help).toContain('checked on this computer');
    expect(help).toContain('Sessions last a shift');
    useSessionStore.setState({ session: null });
  });
});
