import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm } from '../lead-form/lead-form.fixture';
import { ScheduleVisitWizard } from './ScheduleVisitWizard';

describe('ScheduleVisitWizard', () => {
  it('records an on-site visit activity in the outbox', async () => {
    stubCrm({});
    const db = await seedReplica([makeLead({ userId: 'u-agent1' })]);
    signIn('u-agent1');
    const onClose = vi.fn();
    const kick = vi.fn();
    renderWithReplica(db, <ScheduleVisitWizard leadId="lead-1" onClose={onClose} />, kick);
    expect(screen.getByRole('dialog', { name: 'Schedule Visit' })).toBeTruthy();
    await userEvent.click(screen.getByLabelText('On-site'));
    await userEvent.clear(screen.getByLabelText('Date'));
    await userEvent.type(screen.getByLabelText('Date'), '2030-06-01');
    await userEvent.clear(screen.getByLabelText('Time'));
    await userEvent.type(screen.getByLabelText('Time'), '15:30');
    await userEvent.type(screen.getByLabelText('Notes'), 'Bring the brochure');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule Visit' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [item] = await db.outbox.toArray();
    expect(item?.kind).toBe('activity');
    expect(item?.body).toEqual({
      type: 'visit',
      visitKind: 'on_site',
      summary: 'Bring the brochure',
      dueAt: new Date('2030-06-01T15:30:00').toISOString().replace('.000', ''),
    });
    expect(kick).toHaveBeenCalled();
  });

  it('warns, without refusing, when the visit is dated in the past', async () => {
    stubCrm({});
    const db = await seedReplica([makeLead({ userId: 'u-agent1' })]);
    signIn('u-agent1');
    const onClose = vi.fn();
    renderWithReplica(db, <ScheduleVisitWizard leadId="lead-1" onClose={onClose} />);
    expect(screen.queryByText(/in the past/)).toBeNull();
    await userEvent.clear(screen.getByLabelText('Date'));
    await userEvent.type(screen.getByLabelText('Date'), '2020-06-01');
    expect(screen.getByRole('status').textContent).toContain('This date and time are in the past: the visit will show as overdue at once.');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule Visit' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('refuses a missing date', async () => {
    stubCrm({});
    const db = await seedReplica([makeLead({ userId: 'u-agent1' })]);
    const onClose = vi.fn();
    renderWithReplica(db, <ScheduleVisitWizard leadId="lead-1" onClose={onClose} />);
    await userEvent.clear(screen.getByLabelText('Date'));
    await userEvent.click(screen.getByRole('button', { name: 'Schedule Visit' }));
    expect(screen.getByRole('alert').textContent).toBe('Date: Pick a date and a time');
    expect(await db.outbox.count()).toBe(0);
    expect(onClose).not.toHaveBeenCalled();
  });
});
