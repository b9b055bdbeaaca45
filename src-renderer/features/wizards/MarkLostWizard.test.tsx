import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubCrm } from '../lead-form/lead-form.fixture';
import { MarkLostWizard } from './MarkLostWizard';

describe('MarkLostWizard', () => {
  it('does not close without a Lost Reason and says so', async () => {
    const markLost = vi.fn();
    stubCrm({ markLost });
    const onClose = vi.fn();
    render(<MarkLostWizard leadId="lead-1" leadRef="LEAD/2026/00042" onClose={onClose} />);
    expect(document.activeElement).toBe(screen.getByLabelText('Lost Reason'));
    await userEvent.click(screen.getByRole('button', { name: 'Mark as Lost' }));
    expect(screen.getByRole('alert').textContent).toBe('Lost Reason must be set');
    expect(markLost).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('marks the lead lost with the reason and notes', async () => {
    const markLost = vi.fn(async () => ({ ok: true as const, value: {} as never }));
    stubCrm({ markLost });
    const onClose = vi.fn();
    render(<MarkLostWizard leadId="lead-1" leadRef="LEAD/2026/00042" onClose={onClose} />);
    await userEvent.selectOptions(screen.getByLabelText('Lost Reason'), 'Competitor');
    await userEvent.type(screen.getByLabelText('Notes'), 'Bought at the other dealer');
    await userEvent.click(screen.getByRole('button', { name: 'Mark as Lost' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(markLost).toHaveBeenCalledWith({ leadId: 'lead-1', reason: 'competitor', notes: 'Bought at the other dealer' });
  });

  it("shows the hub's refusal as is and stays open", async () => {
    stubCrm({ markLost: async () => ({ ok: false as const, error: { code: 'hub_unreachable', message: 'The hub cannot be reached: Mark as Lost needs it.' } }) });
    const onClose = vi.fn();
    render(<MarkLostWizard leadId="lead-1" leadRef="LEAD/2026/00042" onClose={onClose} />);
    await userEvent.selectOptions(screen.getByLabelText('Lost Reason'), 'Price');
    await userEvent.click(screen.getByRole('button', { name: 'Mark as Lost' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The hub cannot be reached: Mark as Lost needs it.');
    expect(onClose).not.toHaveBeenCalled();
  });
});
