import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import type { PatchWorkstationSettings } from '../../../src-shared/contract/settings.schema';
import { WorkstationsPanel } from './WorkstationsPanel';

function stub() {
  const stored = { sessionHours: 12, idleLockMinutes: 10 };
  const update = vi.fn(async (patch: PatchWorkstationSettings) => {
    if (patch.idleLockMinutes !== undefined && patch.idleLockMinutes > 120) {
      return { ok: false as const, error: { code: 'invalid_input' as const, message: 'Invalid body: idleLockMinutes: At most 120 minutes' } };
    }
    Object.assign(stored, patch);
    return { ok: true as const, value: { ...stored } };
  });
  window.crm = { workstationSettings: async () => ({ ok: true, value: { ...stored } }), updateWorkstationSettings: update } as unknown as CrmApi;
  return update;
}

describe('Configuration → Workstations', () => {
  it("shows the hub's session length and idle lock, saves a manager's change, and shows the hub's refusal naming the field", async () => {
    const update = stub();
    render(<WorkstationsPanel />);
    const minutes = await screen.findByLabelText(/Lock after idle/);
    await vi.waitFor(() => expect((minutes as HTMLInputElement).value).toBe('10'));
    expect((screen.getByLabelText(/Session length/) as HTMLInputElement).value).toBe('12');

    await userEvent.clear(minutes);
    await userEvent.type(minutes, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(update).toHaveBeenCalledWith({ sessionHours: 12, idleLockMinutes: 5 });
    expect((await screen.findByRole('status')).textContent).toContain('Saved');

    await userEvent.clear(minutes);
    await userEvent.type(minutes, '500');
    // the browser's own range check is bypassed as by a crafted request: the hub's answer is what counts
    minutes.removeAttribute('max');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('idleLockMinutes');
  });
});
