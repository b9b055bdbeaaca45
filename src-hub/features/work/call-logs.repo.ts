import type { CallLogPage, CallLogsQuery } from '../../../src-shared/contract/lead-work.schema';
import { one, type Sql } from '../../db/database';
import { HubError } from '../../http/hub-error';
import type { AuthUser } from '../auth/auth-user';
import { isStorableTimestamp } from '../../db/timestamp-text';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import { CALL_LOG_COLUMNS, toCallLogDto, type CallLogRow } from './work-rows';

const ID = /^\d{1,18}$/;

/** Newest first, keyset on (createdAt, id). Agents see their own calls on leads they still hold. */
export async function listCallLogs(sql: Sql, user: AuthUser, query: CallLogsQuery): Promise<CallLogPage> {
  const params: unknown[] = [];
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  // Who cannot see all leads sees their own calls, on leads they still hold.
  if (!capabilitiesOf(user.role).seeAllLeads) where.push(`c.user_id = ${add(user.id)}`, 'l.user_id = c.user_id');
  if (query.leadId) where.push(`c.lead_id = ${add(ID.test(query.leadId) ? query.leadId : '-1')}`);
  if (query.userId) where.push(`c.user_id = ${add(ID.test(query.userId) ? query.userId : '-1')}`);
  if (query.result) where.push(`c.result = ${add(query.result)}`);
  if (query.from) where.push(`c.created_at >= ${add(query.from)}`);
  if (query.to) where.push(`c.created_at < ${add(query.to)}`);
  if (query.cursor) {
    const [time, id] = decode(query.cursor);
    where.push(`(c.created_at, c.id) < (${add(time)}::timestamptz, ${add(id)}::bigint)`);
  }
  const rows = await sql.query<CallLogRow & { k: string; lead_ref: string; customer_name: string }>(
    `select ${CALL_LOG_COLUMNS}, c.created_at::text as k, l.ref as lead_ref, l.customer_name
       from call_logs c join leads l on l.id = c.lead_id ${where.length ? `where ${where.join(' and ')}` : ''}
      order by c.created_at desc, c.id desc limit ${add(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({ ...toCallLogDto(row), leadRef: row.lead_ref, customerName: row.customer_name })),
    nextCursor: rows.length > query.limit && last ? Buffer.from(JSON.stringify([last.k, last.id])).toString('base64url') : null,
  };
}

function decode(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [time, id] = value as unknown[];
      if (typeof time === 'string' && isStorableTimestamp(time) && typeof id === 'string' && ID.test(id)) return [time, id];
    }
  } catch {
    // refused below
  }
  throw new HubError('invalid_input', 'Invalid query: cursor: not a cursor of this list. Start again without it.');
}

export async function insertCallLog(sql: Sql, call: { leadId: string; userId: string; durationMin: number; result: CallLogRow['result']; summary: string }, now: Date): Promise<CallLogRow> {
  const row = await one<CallLogRow>(
    sql,
    `insert into call_logs as c (lead_id, user_id, duration_min, result, summary, created_at) values ($1, $2, $3, $4, $5, $6)
     returning ${CALL_LOG_COLUMNS}`,
    [call.leadId, call.userId, call.durationMin, call.result, call.summary, now],
  );
  if (!row) throw new Error('insert into call_logs returned nothing');
  return row;
}

export async function leadCallRows(sql: Sql, leadId: string): Promise<CallLogRow[]> {
  return sql.query<CallLogRow>(`select ${CALL_LOG_COLUMNS} from call_logs c where c.lead_id = $1 order by c.id`, [leadId]);
}
