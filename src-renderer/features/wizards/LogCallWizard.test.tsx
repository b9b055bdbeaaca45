import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LeadForm } from '../lead-form/LeadForm';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm } from '../lead-form/lead-form.fixture';
import { callMinutes, useCallTimerStore } from './call-timer.store';
import { LogCallWizard } from './LogCallWizard';

async function open(kick = vi.fn()) {
  stubCrm({});
  const db = await seedReplica([makeLead({ userId: 'u-agent1' })]);
  signIn('u-agent1');
  const onClose = vi.fn();
  renderWithReplica(db, <LogCallWizard leadId="lead-1" onClose={onClose} />, kick);
  return { db, onClose, kick };
}

describe('LogCallWizard', () => {
  it('is a dialog that focuses its first field and closes on Esc', async () => {
    const { onClose } = await open();
    expect(screen.getByRole('dialog', { name: 'Log Call' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Duration (minutes)'));
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('names the fields that are missing or wrong and records nothing', async () => {
    const { db, onClose } = await open();
    await userEvent.click(screen.getByRole('button', { name: 'Log Call' }));
    const alerts = screen.getAllByRole('alert').map((alert) => alert.textContent);
    expect(alerts).toEqual(['Duration (minutes): Required', 'Call Result: Required']);
    await userEvent.type(screen.getByLabelText('Duration (minutes)'), '2000');
    await userEvent.click(screen.getByRole('button', { name: 'Log Call' }));
    expect(screen.getAllByRole('alert')[0]?.textContent).toBe('Duration (minutes): Must be at most 1440 minutes (one day)');
    await userEvent.click(screen.getByLabelText('Plan a next activity'));
    await userEvent.click(screen.getByRole('button', { name: 'Log Call' }));
    expect(screen.getByText('Activity Summary: Must not be empty')).toBeTruthy();
    expect(await db.outbox.count()).toBe(0);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('records a valid call with its next activity in the outbox, pending, and kicks the outbox', async () => {
    const { db, onClose, kick } = await open();
    await userEvent.type(screen.getByLabelText('Duration (minutes)'), '7');
    await userEvent.selectOptions(screen.getByLabelText('Call Result'), 'Answered');
    await userEvent.type(screen.getByLabelText('Summary'), 'Wants a test drive');
    await userEvent.click(screen.getByLabelText('Plan a next activity'));
    await userEvent.selectOptions(screen.getByLabelText('Activity Type'), 'Meeting');
    await userEvent.clear(screen.getByLabelText('Due Date'));
    await userEvent.type(screen.getByLabelText('Due Date'), '2030-05-04');
    await userEvent.type(screen.getByLabelText('Activity Summary'), 'Test drive');
    await userEvent.click(screen.getByRole('button', { name: 'Log Call' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [item] = await db.outbox.toArray();
    expect(item?.kind).toBe('call');
    expect(item?.status).toBe('pending');
    expect(item?.leadId).toBe('lead-1');
    expect(item?.body).toEqual({
      durationMin: 7,
      result: 'answered',
      summary: 'Wants a test drive',
      nextActivity: { type: 'meeting', summary: 'Test drive', dueAt: new Date('2030-05-04T10:00:00').toISOString().replace('.000', '') },
    });
    expect(kick).toHaveBeenCalled();
  });

  it('prefills the duration from the call timer, rounded up', async () => {
    useCallTimerStore.getState().start('lead-1', Date.now() - 61_000);
    await open();
    expect((screen.getByLabelText('Duration (minutes)') as HTMLInputElement).value).toBe('2');
    expect(callMinutes(0, 5_000)).toBe(1);
    useCallTimerStore.getState().stop('lead-1');
  });

  it('from the form: Call Customer dials and starts the timer; the logged call shows as pending in the chatter', async () => {
    const callCustomer = vi.fn(async () => ({ ok: true as const, value: {} }));
    stubCrm({ callCustomer });
    const db = await seedReplica([makeLead({ userId: 'u-agent1' })]);
    signIn('u-agent1');
    renderWithReplica(db, <LeadForm leadId="lead-1" onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Call Customer' }));
    expect(callCustomer).toHaveBeenCalledWith({ phone: '+34 600 111 222' });
    expect(await screen.findByRole('timer', { name: 'Call timer' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Log Call' }));
    expect((screen.getByLabelText('Duration (minutes)') as HTMLInputElement).value).toBe('1');
    await userEvent.selectOptions(screen.getByLabelText('Call Result'), 'No Answer');
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Log Call' })).getByRole('button', { name: 'Log Call' }));
    expect(await screen.findByText('No Answer · 1 min')).toBeTruthy();
    expect(screen.getByText('pending')).toBeTruthy();
    expect(screen.queryByRole('timer')).toBeNull();
  });
});
