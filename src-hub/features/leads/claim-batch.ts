import type { Database } from '../../db/database';
import type { HubLog } from '../../hub-context';
import { insertChildChangeSql, insertLeadChangeSql } from '../changes/change-log';
import { LEAD_COLUMNS, type LeadRow } from './lead-row';

/** One claim: the lead, its claimer, the time and the tracking entry's body and JSON. */
export interface ClaimRequest {
  leadId: string;
  userId: string;
  at: Date;
  body: string;
  tracking: string;
}

/**
 * Claims as one statement (one round trip, its own transaction) for any number of distinct leads: each
 * conditional update, its tracking entry and both change-log rows. `$1` leads, `$2` claimers, `$3` times,
 * `$4` tracking bodies, `$5` tracking JSON, one element per claim; a lead appears at most once (an UPDATE …
 * FROM joining a row twice would pick one claimer at random). Answers the rows it claimed.
 * Exported for bench:hub, which runs it through a pg pool as the claim's database floor.
 */
export const CLAIM_LEADS_SQL = `with batch as (
     select * from unnest($1::bigint[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[]) as b(lead_id, user_id, at, body, tracking)
   ), claimed as (
     update leads l set user_id = b.user_id, claimed_at = b.at, updated_at = b.at, version = version + 1,
            first_claimed_at = coalesce(l.first_claimed_at, b.at), first_claimed_by = coalesce(l.first_claimed_by, b.user_id)
       from batch b
      where l.id = b.lead_id and l.user_id is null and not l.closed
      returning ${LEAD_COLUMNS}, b.at as claim_at, b.body as claim_body, b.tracking as claim_tracking
   ), lead_change as (
     ${insertLeadChangeSql({ leadId: 'id', oldUserId: 'null', oldClosed: 'false', newUserId: 'user_id', newClosed: 'closed', existed: 'true' }, 'claimed')}
   ), message as (
     insert into messages (lead_id, kind, body, author_id, tracking, created_at)
     select id, 'tracking', claim_body, user_id, claim_tracking::jsonb, claim_at from claimed returning id, lead_id
   ), message_change as (
     ${insertChildChangeSql('message', 'message')}
   )
   select ${LEAD_COLUMNS.replace(/\bl\./g, '')} from claimed`;

/** The statement's parameters for these claims (bench:hub runs the statement itself). */
export function claimLeadsParams(requests: readonly ClaimRequest[]): unknown[] {
  return [requests.map((each) => each.leadId), requests.map((each) => each.userId), requests.map((each) => each.at), requests.map((each) => each.body), requests.map((each) => each.tracking)];
}

/** The claims that won, by lead. */
async function claimRows(db: Database, requests: readonly ClaimRequest[]): Promise<Map<string, LeadRow>> {
  const rows = await db.query<LeadRow>(CLAIM_LEADS_SQL, claimLeadsParams(requests), { prepareAs: 'claim_leads' });
  return new Map(rows.map((row) => [String(row.id), row]));
}

interface Waiter {
  resolve: (row: LeadRow | null) => void;
  reject: (error: unknown) => void;
}

/** A lead's first claim of the moment, and whoever else asked for that lead meanwhile. */
interface Entry extends Waiter {
  request: ClaimRequest;
  others: Waiter[];
}

/** Up to this many claims a statement: a burst of a thousand goes as a few statements of bounded length. */
export const MAX_CLAIM_BATCH = 200;

const byLeadId = (a: Entry, b: Entry) => a.request.leadId.length - b.request.leadId.length || (a.request.leadId < b.request.leadId ? -1 : 1);

/**
 * The claims of a moment, written together. A claim arriving while no claim statement is under way is sent at
 * once (a lone claim waits for nothing); claims arriving while one is under way go together in the next one.
 * Per claim, most of a one-row statement's cost is the statement — its round trip, executor start and commit —
 * not the row (measured on this project's bench table: a one-row conditional UPDATE cost PostgreSQL about twice
 * the CPU per row of the same UPDATE over 20 rows), so on a busy floor claims cost about what their rows cost.
 * Every rule stays the statement's: each lead's update is conditional, so of simultaneous claimers exactly one
 * wins whichever statements they are in; the tracking entry, the change-log rows and the report summary's
 * triggers are in the same transaction as the update. Two claims of one lead in one moment: the first goes in
 * the statement, the others learn its outcome (they did not win; the caller says why, as for a lost race).
 * Should a statement fail (a deadlock with another writer, say), nothing of it was written and each of its
 * claims is tried alone, so one claim's failure is only its own. One statement at a time: the summary triggers
 * take each lead's rows in key order but a statement's leads one after another, so two statements of one hub
 * could take two summary rows in opposite orders (and two at a time measured slower: smaller statements; again
 * with the second statement's summary work waiting its turn behind an advisory lock, 4.5-7 claims a statement).
 * What a statement costs PostgreSQL is mostly the summary triggers (a 15-claim statement: 484 µs a claim with them,
 * 168 without, bench:hub's 1,000,000 leads), so the claims of a busy floor go at about the speed of one backend.
 */
export class ClaimBatches {
  private waiting = new Map<string, Entry>();
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly log: Pick<HubLog, 'info'>,
    private readonly maxBatch = MAX_CLAIM_BATCH,
  ) {}

  /**
   * The lead's row when this request claimed it, null when it did not (someone holds it, it is closed or gone,
   * or `leadId` is not a lead id: up to 18 decimal digits).
   */
  claim(asked: ClaimRequest): Promise<LeadRow | null> {
    if (!/^\d{1,18}$/.test(asked.leadId)) return Promise.resolve(null);
    // One spelling per lead ('007' is lead 7): the statement answers rows by their id.
    const request = { ...asked, leadId: BigInt(asked.leadId).toString() };
    return new Promise((resolve, reject) => {
      const entry = this.waiting.get(request.leadId);
      if (entry) entry.others.push({ resolve, reject });
      else this.waiting.set(request.leadId, { request, resolve, reject, others: [] });
      if (!this.running) this.next();
    });
  }

  private next(): void {
    this.running = this.waiting.size > 0;
    if (!this.running) return;
    const batch: Entry[] = [];
    for (const [leadId, entry] of this.waiting) {
      if (batch.length >= this.maxBatch) break;
      batch.push(entry);
      this.waiting.delete(leadId);
    }
    // In lead order, so that two statements (two hubs) take their leads' locks in the same order.
    batch.sort(byLeadId);
    // The next statement goes out before this one's claimers are answered: answering them (their replies) is the
    // hub's work while PostgreSQL writes the next one, instead of a pause between statements.
    void this.write(batch).then((answer) => {
      try {
        this.next();
      } finally {
        answer();
      }
    });
  }

  /** Writes the batch; answers what tells its claimers the outcome, to be called once. */
  private async write(batch: Entry[]): Promise<() => void> {
    let won: Map<string, LeadRow>;
    try {
      won = await claimRows(this.db, batch.map((entry) => entry.request));
    } catch (error) {
      if (batch.length === 1) return () => waitersOf(batch[0]).forEach((waiter) => waiter.reject(error));
      this.log.info(`claims: a statement of ${batch.length} claims failed; each is tried alone`, { error: error instanceof Error ? error.message : String(error) });
      const answers = await Promise.all(batch.map((entry) => this.write([entry])));
      return () => answers.forEach((answer) => answer());
    }
    return () => {
      for (const entry of batch) {
        entry.resolve(won.get(entry.request.leadId) ?? null);
        for (const other of entry.others) other.resolve(null);
      }
    };
  }
}

function waitersOf(entry: Entry | undefined): Waiter[] {
  return entry ? [entry, ...entry.others] : [];
}

const batches = new WeakMap<Database, ClaimBatches>();

/** The claim batches of this database (one per hub). */
export function claimBatchesOf(db: Database, log: Pick<HubLog, 'info'>): ClaimBatches {
  let found = batches.get(db);
  if (!found) {
    found = new ClaimBatches(db, log);
    batches.set(db, found);
  }
  return found;
}
