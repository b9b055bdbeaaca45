import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MailOutboxItem } from '../../../src-shared/contract/config.schema';
import { MAIL_PAGE_SIZE, MailOutboxPanel } from './MailOutboxPanel';
import { answer, refusal, stubCrm } from './config.fixture';

const mail = (id: string, patch: Partial<MailOutboxItem> = {}): MailOutboxItem => ({
  id,
  to: 'sales.manager@metrotoyota.example',
  subject: `Won: LEAD/2026/0000${id} — Sales Order S0000${id}`,
  status: 'sent',
  attempts: 1,
  lastError: null,
  createdAt: '2026-03-01T09:00:00Z',
  sentAt: '2026-03-01T09:00:05Z',
  ...patch,
});

const cells = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));

describe('MailOutboxPanel', () => {
  it('shows each e-mail with its status badge, attempts and last error, a page at a time', async () => {
    const listMailOutbox = vi.fn(async ({ cursor }: { cursor?: string }) =>
      answer(
        cursor
          ? { items: [mail('3', { status: 'queued', attempts: 0, sentAt: null })], nextCursor: null }
          : { items: [mail('1'), mail('2', { status: 'retrying', attempts: 2, lastError: 'SMTP server smtp.example:587 refused the connection', sentAt: null })], nextCursor: 'page-2' },
      ),
    );
    stubCrm({ listMailOutbox: listMailOutbox as never });
    render(<MailOutboxPanel />);
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    expect(listMailOutbox).toHaveBeenCalledWith({ limit: MAIL_PAGE_SIZE });
    const [first, second] = cells();
    expect(first?.slice(0, 5)).toEqual(['Sent', 'sales.manager@metrotoyota.example', 'Won: LEAD/2026/00001 — Sales Order S00001', '1', '—']);
    expect(second?.slice(0, 5)).toEqual(['Retrying', 'sales.manager@metrotoyota.example', 'Won: LEAD/2026/00002 — Sales Order S00002', '2', 'SMTP server smtp.example:587 refused the connection']);
    expect(screen.getByText('Retrying', { selector: 'span' }).className).toBe('status-badge status-retrying');
    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(cells()[0]?.[0]).toBe('Queued'));
    expect(listMailOutbox).toHaveBeenLastCalledWith({ limit: MAIL_PAGE_SIZE, cursor: 'page-2' });
    expect(screen.getByRole('button', { name: 'Next →' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: '← Previous' }));
    await waitFor(() => expect(cells()).toHaveLength(2));
  });

  it('filters by status from the first page', async () => {
    const listMailOutbox = vi.fn(async () => answer({ items: [], nextCursor: null }));
    stubCrm({ listMailOutbox: listMailOutbox as never });
    render(<MailOutboxPanel />);
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => expect(listMailOutbox).toHaveBeenLastCalledWith({ status: 'failed', limit: MAIL_PAGE_SIZE }));
    expect(await screen.findByText('No e-mail is failed.')).toBeTruthy();
  });

  it('says where training mail goes', async () => {
    stubCrm({ listMailOutbox: async () => answer({ items: [], nextCursor: null }) });
    render(<MailOutboxPanel />);
    expect(screen.getByText(/In training mode there is no real mailer: the hub delivers each e-mail to this outbox, the training mailbox/)).toBeTruthy();
  });

  it("shows the hub's refusal as is", async () => {
    stubCrm({ listMailOutbox: async () => refusal('forbidden', 'Only managers can see the mail outbox.') });
    render(<MailOutboxPanel />);
    expect((await screen.findByRole('alert')).textContent).toBe('Only managers can see the mail outbox.');
  });
});
