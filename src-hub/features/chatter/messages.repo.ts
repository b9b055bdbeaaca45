import type { Message, TrackingChange } from '../../../src-shared/contract/entities.schema';
import type { MessageKind } from '../../../src-shared/domain/activity-kinds';
import type { Sql } from '../../db/database';
import { recordChildChange, type LeadPlace } from '../changes/change-log';
import { isoTime, type PgTime } from '../../db/pg-time';

interface MessageRow extends Record<string, unknown> {
  id: string;
  lead_id: string;
  kind: MessageKind;
  body: string;
  author_id: string | null;
  tracking: TrackingChange[] | null;
  created_at: PgTime;
}

export const MESSAGE_COLUMNS = 'm.id, m.lead_id, m.kind, m.body, m.author_id, m.tracking, m.created_at';

export function toMessageDto(row: MessageRow): Message {
  return {
    id: row.id,
    leadId: row.lead_id,
    kind: row.kind,
    body: row.body,
    authorId: row.author_id,
    createdAt: isoTime(row.created_at),
    ...(row.tracking ? { tracking: row.tracking } : {}),
  };
}

export interface NewMessage {
  leadId: string;
  kind: MessageKind;
  body: string;
  authorId: string | null;
  tracking?: TrackingChange[];
}

/** Appends to a lead's chatter (append-only) and logs the change, inside the caller's transaction. */
export async function insertMessage(tx: Sql, message: NewMessage, place: LeadPlace, now: Date): Promise<Message> {
  const [row] = await tx.query<MessageRow>(
    `insert into messages as m (lead_id, kind, body, author_id, tracking, created_at) values ($1, $2, $3, $4, $5, $6)
     returning ${MESSAGE_COLUMNS}`,
    [message.leadId, message.kind, message.body, message.authorId, message.tracking ? JSON.stringify(message.tracking) : null, now],
  );
  if (!row) throw new Error('insert into messages returned nothing');
  await recordChildChange(tx, 'message', row.id, message.leadId, place);
  return toMessageDto(row);
}

export async function listMessages(sql: Sql, leadId: string): Promise<Message[]> {
  const rows = await sql.query<MessageRow>(`select ${MESSAGE_COLUMNS} from messages m where m.lead_id = $1 order by m.id`, [leadId]);
  return rows.map(toMessageDto);
}

/** A tracking entry: old → new for each changed field, in words a person reads in the chatter. */
export function trackingBody(changes: TrackingChange[]): string {
  return changes.map((change) => `${change.field}: ${change.from ?? '(none)'} → ${change.to ?? '(none)'}`).join('\n');
}
