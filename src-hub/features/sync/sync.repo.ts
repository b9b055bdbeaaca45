import type { Activity, CallLog, Dealership, Message } from '../../../src-shared/contract/entities.schema';
import type { Sql } from '../../db/database';
import { MESSAGE_COLUMNS, toMessageDto } from '../chatter/messages.repo';
import { DEALERSHIP_COLUMNS, toDealershipDto, type DealershipRow } from '../config/dealerships.repo';
import { LEAD_COLUMNS, type LeadRow } from '../leads/lead-row';
import { ACTIVITY_COLUMNS, CALL_LOG_COLUMNS, toActivityDto, toCallLogDto, type ActivityRow, type CallLogRow } from '../work/work-rows';
import type { ChangeEntity, ChangeRow, Viewer } from './sync-plan';

type MessageRow = Parameters<typeof toMessageDto>[0];

/** A lead row with the closing time the replica window needs. */
export interface SyncLeadRow extends LeadRow {
  closed_at: Date | null;
}

const SYNC_LEAD_COLUMNS = `${LEAD_COLUMNS}, l.closed_at`;

/**
 * The oldest transaction still running: every transaction below it has committed or aborted, so change rows
 * below it can no longer be overtaken by a late commit (DESIGN.md §6).
 */
export async function snapshotXmin(sql: Sql): Promise<string> {
  const [row] = await sql.query<{ xmin: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
  if (!row) throw new Error('pg_current_snapshot returned nothing');
  return row.xmin;
}

/**
 * The horizon and the next transaction id of this snapshot: `xmax - xmin` is how many transactions the
 * horizon trails the newest (a long-running transaction holds it back; sync then serves nothing newer).
 */
export async function snapshotBounds(sql: Sql): Promise<{ xmin: string; lag: number }> {
  const [row] = await sql.query<{ xmin: string; lag: string }>(
    `select pg_snapshot_xmin(s)::text as xmin, (pg_snapshot_xmax(s)::text::numeric - pg_snapshot_xmin(s)::text::numeric)::text as lag
       from pg_current_snapshot() s`,
  );
  if (!row) throw new Error('pg_current_snapshot returned nothing');
  return { xmin: row.xmin, lag: Number(row.lag) };
}

interface ChangeDbRow extends Record<string, unknown> {
  seq: string;
  xid_text: string;
  entity: ChangeEntity;
  entity_id: string | null;
  lead_id: string | null;
  old_user_id: string | null;
  old_closed: boolean | null;
  new_user_id: string | null;
  new_closed: boolean | null;
  existed: boolean | null;
}

// The text of the xid gets its own name: `order by xid` would otherwise sort the text ('1000' < '999').
const CHANGE_COLUMNS = 'c.seq, c.xid::text as xid_text, c.entity, c.entity_id, c.lead_id, c.old_user_id, c.old_closed, c.new_user_id, c.new_closed, c.existed';

/** Change rows after `(xid, seq)` of transactions below `below`, in `(xid, seq)` order; xid8 compared in SQL. */
export async function changesAfter(sql: Sql, after: { xid: string; seq: string }, below: string, limit: number): Promise<ChangeRow[]> {
  const rows = await sql.query<ChangeDbRow>(
    `select ${CHANGE_COLUMNS}
       from changes c
      where (c.xid, c.seq) > ($1::xid8, $2::bigint) and c.xid < $3::xid8
      order by c.xid, c.seq
      limit $4`,
    [after.xid, after.seq, below, limit],
  );
  return rows.map(toChangeRow);
}

/**
 * The state-changing rows of these leads after `(xid, seq)` that this snapshot shows, whatever their
 * transaction (`changes_lead_states` serves it; the predicate is `changesLeadState`'s twin).
 */
export async function laterLeadStates(sql: Sql, leadIds: readonly string[], after: { xid: string; seq: string }): Promise<ChangeRow[]> {
  if (leadIds.length === 0) return [];
  const rows = await sql.query<ChangeDbRow>(
    `select ${CHANGE_COLUMNS}
       from changes c
      where c.entity = 'lead' and c.lead_id = any($1::bigint[]) and (c.xid, c.seq) > ($2::xid8, $3::bigint)
        and (c.existed is not true or c.old_user_id is distinct from c.new_user_id or c.old_closed is distinct from c.new_closed)
      order by c.xid, c.seq`,
    [leadIds, after.xid, after.seq],
  );
  return rows.map(toChangeRow);
}

function toChangeRow(row: ChangeDbRow): ChangeRow {
  return {
    seq: String(row.seq),
    xid: row.xid_text,
    entity: row.entity,
    entityId: row.entity_id === null ? null : String(row.entity_id),
    leadId: row.lead_id === null ? null : String(row.lead_id),
    oldUserId: row.old_user_id === null ? null : String(row.old_user_id),
    oldClosed: row.old_closed,
    newUserId: row.new_user_id === null ? null : String(row.new_user_id),
    newClosed: row.new_closed,
    existed: row.existed,
  };
}

/** Is there any change row from `from` on that can already be served? */
export async function hasChangesFrom(sql: Sql, from: string): Promise<boolean> {
  const [row] = await sql.query<{ found: boolean }>(
    'select exists (select 1 from changes where xid >= $1::xid8 and xid < pg_snapshot_xmin(pg_current_snapshot())) as found',
    [from],
  );
  return row?.found === true;
}

/**
 * Whether changes are committed at or past the horizon: a transaction older than them still runs, so sync
 * holds them back (rows of this snapshot at or above its xmin are committed ones).
 */
export async function hasChangesHeldBack(sql: Sql): Promise<boolean> {
  const [row] = await sql.query<{ found: boolean }>('select exists (select 1 from changes where xid >= pg_snapshot_xmin(pg_current_snapshot())) as found');
  return row?.found === true;
}

/**
 * The viewer's replica window by lead id (the SQL twin of `inReplicaWindow`): open leads they see, plus their
 * own leads closed since `since`.
 */
export async function windowLeadsAfter(sql: Sql, viewer: Viewer, afterLeadId: string, since: Date, limit: number): Promise<LeadRow[]> {
  const open = viewer.seeAll ? 'not l.closed' : 'not l.closed and (l.user_id is null or l.user_id = $2)';
  return sql.query<LeadRow>(
    `select ${LEAD_COLUMNS} from leads l
      where l.id > $1::bigint and ((${open}) or (l.closed and l.user_id = $2 and l.closed_at >= $3))
      order by l.id
      limit $4`,
    [afterLeadId, viewer.id, since, limit],
    // up to 10,000 rows whose times only go on to the wire
    { timesAsText: true },
  );
}

/** The viewer's own leads in the replica window by lead id (the part of `windowLeadsAfter` they hold). */
export async function ownWindowLeadIdsAfter(sql: Sql, viewer: Viewer, afterLeadId: string, since: Date, limit: number): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `select l.id from leads l
      where l.user_id = $2 and l.id > $1::bigint and (not l.closed or l.closed_at >= $3)
      order by l.id
      limit $4`,
    [afterLeadId, viewer.id, since, limit],
  );
  return rows.map((row) => String(row.id));
}

export async function leadsByIds(sql: Sql, ids: readonly string[]): Promise<SyncLeadRow[]> {
  if (ids.length === 0) return [];
  return sql.query<SyncLeadRow>(`select ${SYNC_LEAD_COLUMNS} from leads l where l.id = any($1::bigint[]) order by l.id`, [ids]);
}

export interface Children {
  messages: Message[];
  callLogs: CallLog[];
  activities: Activity[];
}

export const noChildren = (): Children => ({ messages: [], callLogs: [], activities: [] });

/** Every message, call log and activity of these leads: three bulk queries whatever the number of leads. */
export async function childrenOfLeads(sql: Sql, leadIds: readonly string[]): Promise<Children> {
  if (leadIds.length === 0) return noChildren();
  // One after the other: inside a transaction the queries share one connection anyway.
  const ids = [leadIds];
  // thousands of rows whose times only go on to the wire
  const asText = { timesAsText: true };
  const messages = await sql.query<MessageRow>(`select ${MESSAGE_COLUMNS} from messages m where m.lead_id = any($1::bigint[]) order by m.lead_id, m.id`, ids, asText);
  const callLogs = await sql.query<CallLogRow>(`select ${CALL_LOG_COLUMNS} from call_logs c where c.lead_id = any($1::bigint[]) order by c.lead_id, c.id`, ids, asText);
  const activities = await sql.query<ActivityRow>(`select ${ACTIVITY_COLUMNS} from activities a where a.lead_id = any($1::bigint[]) order by a.lead_id, a.id`, ids, asText);
  return { messages: messages.map(toMessageDto), callLogs: callLogs.map(toCallLogDto), activities: activities.map(toActivityDto) };
}

export interface ChildIds {
  messageIds: readonly string[];
  callLogIds: readonly string[];
  activityIds: readonly string[];
}

/** Named children, each only if its lead is one of `leadIds` (leads the viewer sees). */
export async function childrenByIds(sql: Sql, leadIds: readonly string[], ids: ChildIds): Promise<Children> {
  const select = async <T extends Record<string, unknown>>(columns: string, table: string, alias: string, wanted: readonly string[]): Promise<T[]> => {
    if (wanted.length === 0 || leadIds.length === 0) return [];
    return sql.query<T>(`select ${columns} from ${table} ${alias} where ${alias}.id = any($1::bigint[]) and ${alias}.lead_id = any($2::bigint[]) order by ${alias}.id`, [
      wanted,
      leadIds,
    ]);
  };
  const messages = await select<MessageRow>(MESSAGE_COLUMNS, 'messages', 'm', ids.messageIds);
  const callLogs = await select<CallLogRow>(CALL_LOG_COLUMNS, 'call_logs', 'c', ids.callLogIds);
  const activities = await select<ActivityRow>(ACTIVITY_COLUMNS, 'activities', 'a', ids.activityIds);
  return { messages: messages.map(toMessageDto), callLogs: callLogs.map(toCallLogDto), activities: activities.map(toActivityDto) };
}

export async function dealershipsByIds(sql: Sql, ids: readonly string[]): Promise<Dealership[]> {
  if (ids.length === 0) return [];
  const rows = await sql.query<DealershipRow>(`select ${DEALERSHIP_COLUMNS} from dealerships d where d.id = any($1::bigint[]) order by d.id`, [ids]);
  return rows.map(toDealershipDto);
}
