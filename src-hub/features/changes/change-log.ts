import type { Database, Sql } from '../../db/database';
import type { HubLog } from '../../hub-context';

/** What sync and events need to know of a lead at one moment: who holds it and whether it is closed. */
export interface LeadPlace {
  userId: string | null;
  closed: boolean;
}

export const CHANGES_CHANNEL = 'crm_changes';

/** The NOTIFY payload: enough for each hub process to decide which connected users to wake. */
export interface ChangeNotice {
  /** Null for configuration changes, which every user sees. */
  leadId: string | null;
  /** Owners before and after (empty for pool leads and configuration). */
  users: string[];
  /** The lead was or is in the unclaimed pool, which every agent sees. */
  pool: boolean;
}

async function notify(tx: Sql, notice: ChangeNotice): Promise<void> {
  // NOTIFY is transactional: listeners hear it only once the change is committed.
  await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}

function leadNotice(leadId: string, places: Array<LeadPlace | null>): ChangeNotice {
  const users = new Set<string>();
  let pool = false;
  for (const place of places) {
    if (!place) continue;
    if (place.userId) users.add(place.userId);
    if (!place.userId && !place.closed) pool = true;
  }
  return { leadId, users: [...users], pool };
}

/** How long a committed change's notice waits for others to share its statement (events coalesce over 50 ms anyway). */
export const NOTICE_BATCH_MS = 20;

/**
 * Notices of changes already committed, sent in batches: a transaction that NOTIFYs takes PostgreSQL's one
 * notify lock while it commits, so on the floor's hottest path (a claim) every claim would commit behind every
 * other (measured: the claim statement ran at 40 % of its rate without its pg_notify). Here the claim commits
 * without it and its notice joins a batch: the first notice of a batch waits NOTICE_BATCH_MS for the others of
 * the moment, and notices arriving while a batch is being sent wait for the next. One statement, one commit and
 * one lock per batch: a busy floor's claims share one statement per 20 ms instead of paying one round trip each
 * (measured: most of a claim's cost in the hub after its own statement). A listener still hears of a change only
 * once it is committed; the payload is the same ChangeNotice. Should the hub stop between the commit and the
 * batch, the change stays in the change log (what sync reads) and the other workstations see it at their next
 * wake; a hub that closes sends what is waiting first (`flushCommittedNotices`).
 */
class CommittedNotices {
  private queue: Array<{ payload: string; sent: () => void }> = [];
  private sending: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: Database,
    private readonly log: Pick<HubLog, 'error'>,
  ) {}

  /** Resolves once the notice is sent (or its batch failed, which is logged: the change itself is committed). */
  send(notice: ChangeNotice): Promise<void> {
    return new Promise((sent) => {
      this.queue.push({ payload: JSON.stringify(notice), sent });
      if (!this.sending && !this.timer) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.sending = this.drain();
        }, NOTICE_BATCH_MS);
      }
    });
  }

  /** Sends whatever waits, at once, and resolves when nothing is left. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.sending ??= this.drain();
    }
    await this.sending;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 1000);
      try {
        await this.db.query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [CHANGES_CHANNEL, batch.map((each) => each.payload)], {
          prepareAs: 'notify_committed',
        });
      } catch (error) {
        this.log.error('change notices not sent (the changes are committed and in the change log)', error, { notices: batch.length });
      }
      for (const each of batch) each.sent();
    }
    this.sending = null;
  }
}

const committedNotices = new WeakMap<Database, CommittedNotices>();

/**
 * After a one-statement change committed (a claim): its notice, batched with the others of the moment. The
 * caller need not wait for it (a claim answers at once); the promise says when it was sent.
 */
export function notifyCommitted(db: Database, log: Pick<HubLog, 'error'>, notice: ChangeNotice): Promise<void> {
  let notices = committedNotices.get(db);
  if (!notices) {
    notices = new CommittedNotices(db, log);
    committedNotices.set(db, notices);
  }
  return notices.send(notice);
}

/** Sends the notices still waiting for their batch (the hub is closing: before its database closes). */
export async function flushCommittedNotices(db: Database): Promise<void> {
  await committedNotices.get(db)?.flush();
}

/** SQL expressions for one lead change row: the statement writers below and any one-round-trip statement share them. */
export interface LeadChangeSql {
  leadId: string;
  oldUserId: string;
  oldClosed: string;
  newUserId: string;
  newClosed: string;
  existed: string;
}

/**
 * `insert into changes … select …` of lead change rows, one per row of `from` (a CTE name, or nothing for one
 * row of parameters). The one place the lead change row's columns are written.
 */
export function insertLeadChangeSql(row: LeadChangeSql, from = ''): string {
  return `insert into changes (entity, entity_id, lead_id, old_user_id, old_closed, new_user_id, new_closed, existed)
     select 'lead', ${row.leadId}, ${row.leadId}, ${row.oldUserId}, ${row.oldClosed}, ${row.newUserId}, ${row.newClosed}, ${row.existed}${from ? ` from ${from}` : ''}`;
}

/** `insert into changes … select …` of child rows (message, call log, activity) from `from`'s `id` and `lead_id`. */
export function insertChildChangeSql(entity: 'message' | 'call_log' | 'activity', from: string): string {
  return `insert into changes (entity, entity_id, lead_id) select '${entity}', id, lead_id from ${from}`;
}

/** A lead was created (`before` null) or changed. Called inside the writing transaction. */
export async function recordLeadChange(tx: Sql, leadId: string, before: LeadPlace | null, after: LeadPlace): Promise<void> {
  await tx.query(
    insertLeadChangeSql({ leadId: '$1::bigint', oldUserId: '$2::bigint', oldClosed: '$3::boolean', newUserId: '$4::bigint', newClosed: '$5::boolean', existed: '$6::boolean' }),
    [leadId, before?.userId ?? null, before?.closed ?? null, after.userId, after.closed, before !== null],
  );
  await notify(tx, leadNotice(leadId, [before, after]));
}

/** A message, call log or activity of a lead was created or changed. */
export async function recordChildChange(
  tx: Sql,
  entity: 'message' | 'call_log' | 'activity',
  entityId: string,
  leadId: string,
  place: LeadPlace,
): Promise<void> {
  await tx.query(insertChildChangeSql(entity, '(select $1::bigint as id, $2::bigint as lead_id) as child'), [entityId, leadId]);
  await notify(tx, leadNotice(leadId, [place]));
}

/** Configuration every user syncs (stages, users, dealerships), or `reset` when replicas must be rebuilt. */
export async function recordGlobalChange(tx: Sql, entity: 'stage' | 'user' | 'dealership' | 'reset', entityId: string | null): Promise<void> {
  await tx.query('insert into changes (entity, entity_id) values ($1, $2)', [entity, entityId]);
  await notify(tx, { leadId: null, users: [], pool: true });
}
