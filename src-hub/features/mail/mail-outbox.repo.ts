import type { MailOutboxItem, MailOutboxPage, MailOutboxQuery, MailStatus } from '../../../src-shared/contract/config.schema';
import { FIELD_MAX } from '../../../src-shared/contract/fields.schema';
import type { Database, Sql } from '../../db/database';
import { HubError } from '../../http/hub-error';
import { isoTime } from '../../db/pg-time';
import type { MailContent } from './mail-templates';

export type MailKind = 'won_manager' | 'activity_reminder';

interface OutboxRow extends Record<string, unknown> {
  id: string;
  to_address: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const OUTBOX_COLUMNS = 'm.id, m.to_address, m.subject, m.status, m.attempts, m.last_error, m.created_at, m.sent_at';

function toItem(row: OutboxRow): MailOutboxItem {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: isoTime(row.created_at),
    sentAt: row.sent_at ? isoTime(row.sent_at) : null,
  };
}

/** Queues a mail inside the caller's transaction: it is sent only if the change that caused it commits. */
export async function queueMail(tx: Sql, mail: MailContent & { kind: MailKind; leadId: string | null; to: string }, now: Date): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into mail_outbox (kind, lead_id, to_address, subject, body, status, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, 'queued', $6, $6) returning id`,
    [mail.kind, mail.leadId, mail.to, mail.subject.slice(0, FIELD_MAX.subject), mail.body, now],
  );
  if (!row) throw new Error('insert into mail_outbox returned nothing');
  return row.id;
}

export interface DueMail extends Record<string, unknown> {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Takes up to `limit` due mails for sending. Their next attempt moves to `claimUntil` in the same statement,
 * so another hub process (or a later tick) leaves them alone while this one sends; if this process dies
 * mid-send they become due again then.
 */
export async function claimDueMails(db: Database, now: Date, claimUntil: Date, limit: number): Promise<DueMail[]> {
  return db.transaction((tx) =>
    tx.query<DueMail>(
      `update mail_outbox m set next_attempt_at = $2
        where m.id in (select id from mail_outbox where status in ('queued', 'retrying') and next_attempt_at <= $1
                        order by next_attempt_at, id limit $3 for update skip locked)
        returning m.id, m.to_address, m.subject, m.body, m.attempts`,
      [now, claimUntil, limit],
    ),
  );
}

export async function markSent(sql: Sql, id: string, now: Date): Promise<void> {
  await sql.query(`update mail_outbox set status = 'sent', attempts = attempts + 1, sent_at = $2, last_error = null where id = $1`, [id, now]);
}

export async function markAttemptFailed(sql: Sql, id: string, status: 'retrying' | 'failed', nextAttemptAt: Date, error: string): Promise<void> {
  await sql.query('update mail_outbox set status = $2, attempts = attempts + 1, next_attempt_at = $3, last_error = $4 where id = $1', [
    id,
    status,
    nextAttemptAt,
    error.slice(0, FIELD_MAX.errorMessage),
  ]);
}

/** `GET /mail-outbox`: newest first, keyset on (createdAt, id). */
export async function listOutbox(sql: Sql, query: MailOutboxQuery): Promise<MailOutboxPage> {
  const params: unknown[] = [];
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.status) where.push(`m.status = ${add(query.status)}`);
  if (query.cursor) {
    const [time, id] = decodeCursor(query.cursor);
    where.push(`(m.created_at, m.id) < (${add(time)}::timestamptz, ${add(id)}::bigint)`);
  }
  const rows = await sql.query<OutboxRow & { k: string }>(
    `select ${OUTBOX_COLUMNS}, m.created_at::text as k from mail_outbox m ${where.length ? `where ${where.join(' and ')}` : ''}
      order by m.created_at desc, m.id desc limit ${add(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > query.limit && last ? Buffer.from(JSON.stringify([last.k, last.id])).toString('base64url') : null,
  };
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [time, id] = value as unknown[];
      if (typeof time === 'string' && !Number.isNaN(Date.parse(time.replace(' ', 'T').replace(/\+00$/, 'Z'))) && typeof id === 'string' && /^\d{1,18}$/.test(id)) {
        return [time, id];
      }
    }
  } catch {
    // refused below
  }
  throw new HubError('invalid_input', 'Invalid query: cursor: not a cursor of this list. Start again without it.');
}
