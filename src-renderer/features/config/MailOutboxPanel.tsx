import { useEffect, useState } from 'react';
import { MAIL_STATUSES, type MailOutboxPage, type MailStatus } from '../../../src-shared/contract/config.schema';
import { call, crm } from '../../bridge/crm';
import { formatWhen } from '../wizards/local-time';
import { errorText } from '../../ui/error-text';

export const MAIL_PAGE_SIZE = 50;

const STATUS_LABELS: Record<MailStatus, string> = { queued: 'Queued', sent: 'Sent', retrying: 'Retrying', failed: 'Failed' };

/** The hub's e-mails (Won notices to dealership managers, activity reminders), newest first, a page at a time. */
export function MailOutboxPanel() {
  const [status, setStatus] = useState<MailStatus | ''>('');
  // Cursors of the pages after the first, so Previous can go back.
  const [trail, setTrail] = useState<string[]>([]);
  const [page, setPage] = useState<MailOutboxPage | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);
  const cursor = trail.at(-1);

  useEffect(() => {
    let current = true;
    setBusy(true);
    call(crm().listMailOutbox({ ...(status ? { status } : {}), limit: MAIL_PAGE_SIZE, ...(cursor ? { cursor } : {}) }))
      .then(
        (answer) => {
          if (!current) return;
          setPage(answer);
          setFailure(null);
        },
        (error: unknown) => current && setFailure(errorText(error)),
      )
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
  }, [status, cursor, reloads]);

  const items = page?.items ?? [];
  return (
    <section className="config-section config-wide" aria-label="Mail outbox">
      <p className="config-intro">
        The hub sends these e-mails with retries. Without a mailer (SMTP_URL on the hub) they wait here, queued, and go once one is set. In training mode there is no real mailer: the
        hub delivers each e-mail to this outbox, the training mailbox, and shows it as sent.
      </p>
      <div className="config-list-bar">
        <label className="inline-field">
          Status
          <select
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as MailStatus | '');
              setTrail([]);
            }}
          >
            <option value="">All</option>
            {MAIL_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{busy ? 'Loading…' : `Page ${trail.length + 1}`}</span>
        <span className="spacer" />
        <button type="button" onClick={() => setReloads((count) => count + 1)} disabled={busy}>
          Refresh
        </button>
        <button type="button" onClick={() => setTrail((previous) => previous.slice(0, -1))} disabled={busy || trail.length === 0}>
          ← Previous
        </button>
        <button type="button" onClick={() => page?.nextCursor && setTrail((previous) => [...previous, page.nextCursor as string])} disabled={busy || !page?.nextCursor}>
          Next →
        </button>
      </div>
      {failure && (
        <p className="config-error" role="alert">
          {failure}
        </p>
      )}
      <table className="config-table mail-table" aria-busy={busy}>
        <thead>
          <tr>
            <th>Status</th>
            <th>To</th>
            <th>Subject</th>
            <th>Attempts</th>
            <th>Last error</th>
            <th>Queued</th>
            <th>Sent</th>
          </tr>
        </thead>
        <tbody>
          {items.map((mail) => (
            <tr key={mail.id}>
              <td>
                <span className={`status-badge status-${mail.status}`}>{STATUS_LABELS[mail.status]}</span>
              </td>
              <td>{mail.to}</td>
              <td className="mail-subject" title={mail.subject}>
                {mail.subject}
              </td>
              <td className="num">{mail.attempts}</td>
              <td className="mail-error">{mail.lastError ?? <span className="muted">—</span>}</td>
              <td className="when">{formatWhen(mail.createdAt)}</td>
              <td className="when">{mail.sentAt ? formatWhen(mail.sentAt) : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && items.length === 0 && <p className="muted config-empty">{status ? `No e-mail is ${STATUS_LABELS[status].toLowerCase()}.` : 'No e-mail yet.'}</p>}
    </section>
  );
}
