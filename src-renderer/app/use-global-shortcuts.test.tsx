import { describe, expect, it, vi } from 'vitest';
import { render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubCrm, toastTexts } from '../features/lead-form/lead-form.fixture';
import { useUiStore } from './ui-store';
import { useGlobalShortcuts } from './use-global-shortcuts';

function Shortcuts() {
  useGlobalShortcuts();
  return null;
}

describe('global shortcuts', () => {
  it('Ctrl+Shift+R says it rebuilds, then that it is done', async () => {
    let finish: () => void = () => undefined;
    const rebuildReplica = vi.fn(() => new Promise<{ ok: true; value: Record<string, never> }>((resolve) => (finish = () => resolve({ ok: true, value: {} }))));
    stubCrm({ rebuildReplica });
    useUiStore.setState({ toasts: [] });
    render(<Shortcuts />);
    await userEvent.keyboard('{Control>}{Shift>}R{/Shift}{/Control}');
    expect(toastTexts()).toEqual(['info: Rebuilding the local copy from the hub…']);
    await userEvent.keyboard('{Control>}{Shift>}R{/Shift}{/Control}');
    expect(rebuildReplica).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(toastTexts()).toContain('success: Local copy rebuilt from the hub.'));
  });

  it('says why a rebuild failed', async () => {
    stubCrm({ rebuildReplica: async () => ({ ok: false as const, error: { code: 'hub_unreachable' as const, message: 'The hub cannot be reached.' } }) });
    useUiStore.setState({ toasts: [] });
    render(<Shortcuts />);
    await userEvent.keyboard('{Control>}{Shift>}R{/Shift}{/Control}');
    await waitFor(() => expect(toastTexts()).toContain('error: Could not rebuild the local copy: The hub cannot be reached.'));
  });
});
