import type { SyncPage, SyncQuery } from '../../../src-shared/contract/sync.schema';
import type { Sql } from '../../db/database';
import { HubError } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { listDealerships } from '../config/dealerships.repo';
import { toLeadDto } from '../leads/lead-row';
import { loadStages } from '../stages/stages.repo';
import { listUsers } from '../users/users.repo';
import { decodeSyncCursor, encodeSyncCursor, type SyncCursor } from './sync-cursor';
import { planChanges, touchedLeadIds, viewerOf, windowStart, type CurrentLead, type Viewer } from './sync-plan';
import {
  changesAfter,
  childrenByIds,
  childrenOfLeads,
  dealershipsByIds,
  hasChangesFrom,
  hasChangesHeldBack,
  laterLeadStates,
  leadsByIds,
  ownWindowLeadIdsAfter,
  snapshotBounds,
  snapshotXmin,
  windowLeadsAfter,
  type Children,
} from './sync.repo';

/** Who is pulling and how much: the page limit counts change rows (while bootstrapping: leads). */
interface Pull {
  viewer: Viewer;
  epoch: number;
  limit: number;
  /** `own`: lead rows first, then the own leads' history; `all`: every lead with its history (older apps). */
  history: SyncQuery['history'];
  since: Date;
  /** Told the horizon's lag (in transactions) at each change page: a metric. */
  onHorizon: (lagTransactions: number) => void;
}

const BOOT_START = '0';
/**
 * A bootstrap page of lead rows alone carries this many times the page limit: lead rows are small, and the
 * board is usable once they are all in.
 */
export const BOOT_LEAD_ROWS_PER_LIMIT = 10;

function emptyPage(cursor: SyncCursor, hasMore: boolean): SyncPage {
  return {
    cursor: encodeSyncCursor(cursor),
    hasMore,
    reset: false,
    leads: [],
    removedLeadIds: [],
    wholeLeadIds: [],
    messages: [],
    callLogs: [],
    activities: [],
    stages: [],
    users: [],
    dealerships: [],
  };
}

/** Drop the replica and start again; the cursor given is a fresh start, the same as none. */
function resetPage(pull: Pull, xmin: string): SyncPage {
  return { ...emptyPage({ phase: 'boot', epoch: pull.epoch, afterLeadId: BOOT_START, xmin }, false), reset: true };
}

/**
 * `GET /sync`: one page for the caller's visibility, read in one repeatable-read snapshot so its leads and
 * children agree with each other. Without a cursor it starts a bootstrap.
 */
export async function pullSync(hub: HubContext, user: AuthUser, query: SyncQuery): Promise<SyncPage> {
  const cursor = query.cursor === undefined ? null : decodeSyncCursor(query.cursor);
  if (query.cursor !== undefined && cursor === null) {
    throw new HubError('invalid_input', 'Invalid query: cursor: not a sync cursor of this hub. Sync again without a cursor.');
  }
  const onHorizon = (lag: number) => hub.metrics.syncHorizonLag.set(lag);
  const pull: Pull = { viewer: viewerOf(user), epoch: user.syncEpoch, limit: query.limit, history: query.history, since: windowStart(hub.clock.now()), onHorizon };
  const page = await hub.db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    if (cursor === null) return bootPage(tx, pull, BOOT_START, await snapshotXmin(tx));
    // The role (and so the visibility) the cursor was made for is gone: rebuild.
    if (cursor.epoch !== pull.epoch) return resetPage(pull, await snapshotXmin(tx));
    if (cursor.phase === 'boot') return bootPage(tx, pull, cursor.afterLeadId, cursor.xmin);
    if (cursor.phase === 'own') return ownHistoryPage(tx, pull, cursor.afterLeadId, cursor.xmin);
    return changePage(tx, pull, cursor);
  });
  hub.metrics.syncPages.inc({ phase: page.reset ? 'reset' : cursor === null || cursor.phase !== 'change' ? 'boot' : 'change' });
  return page;
}

/**
 * Bootstrap, first part (`history=own`): the replica window's lead rows by lead id, without their history (the
 * board, the pool's counts and claims need only these); the first page also carries the configuration. `xmin` was taken
 * before the first page: everything below it is in the copy, the change log is replayed from it afterwards
 * (replaying what the copy already shows is harmless). Then the own leads' history (`ownHistoryPage`).
 */
async function bootPage(tx: Sql, pull: Pull, afterLeadId: string, xmin: string): Promise<SyncPage> {
  const lazy = pull.history === 'own';
  const limit = lazy ? pull.limit * BOOT_LEAD_ROWS_PER_LIMIT : pull.limit;
  const rows = await windowLeadsAfter(tx, pull.viewer, afterLeadId, pull.since, limit + 1);
  const more = rows.length > limit;
  const leads = rows.slice(0, limit);
  const last = leads.at(-1);
  const page =
    more && last
      ? emptyPage({ phase: 'boot', epoch: pull.epoch, afterLeadId: last.id, xmin }, true)
      : lazy
        ? emptyPage({ phase: 'own', epoch: pull.epoch, afterLeadId: BOOT_START, xmin }, true)
        : emptyPage({ phase: 'change', epoch: pull.epoch, xid: xmin, seq: '0' }, await hasChangesFrom(tx, xmin));
  const first = afterLeadId === BOOT_START;
  // `history=all` (apps before lazy history): each lead with all its children, as before.
  const ids = leads.map((lead) => lead.id);
  return {
    ...page,
    leads: leads.map(toLeadDto),
    ...(lazy ? {} : { wholeLeadIds: ids, ...(await childrenOfLeads(tx, ids)) }),
    stages: first ? await loadStages(tx) : [],
    users: first ? await listUsers(tx) : [],
    dealerships: first ? await listDealerships(tx) : [],
  };
}

/**
 * Bootstrap, second part: every message, call log and activity of the viewer's own leads in the window, by
 * lead id, each of those leads named whole (`wholeLeadIds`). Other leads' history is not copied: the app
 * fetches it when such a lead is opened, and a lead that becomes the viewer's later arrives whole from the
 * change log (`planChanges`). A lead that became the viewer's after its row was copied is named whole here
 * too: its row follows from the change log.
 */
async function ownHistoryPage(tx: Sql, pull: Pull, afterLeadId: string, xmin: string): Promise<SyncPage> {
  const ids = await ownWindowLeadIdsAfter(tx, pull.viewer, afterLeadId, pull.since, pull.limit + 1);
  const more = ids.length > pull.limit;
  const own = ids.slice(0, pull.limit);
  const last = own.at(-1);
  const page =
    more && last
      ? emptyPage({ phase: 'own', epoch: pull.epoch, afterLeadId: last, xmin }, true)
      : emptyPage({ phase: 'change', epoch: pull.epoch, xid: xmin, seq: '0' }, await hasChangesFrom(tx, xmin));
  return { ...page, wholeLeadIds: own, ...(await childrenOfLeads(tx, own)) };
}

/**
 * Change mode: the change rows after the cursor of transactions below the snapshot xmin (none of them can
 * commit later), turned into current rows for this viewer. A page that is not full moves the cursor up to
 * the xmin itself: nothing below it is left to come.
 */
async function changePage(tx: Sql, pull: Pull, cursor: Extract<SyncCursor, { phase: 'change' }>): Promise<SyncPage> {
  const { xmin, lag } = await snapshotBounds(tx);
  pull.onHorizon(lag);
  const fetched = await changesAfter(tx, cursor, xmin, pull.limit + 1);
  const more = fetched.length > pull.limit;
  const rows = fetched.slice(0, pull.limit);
  const last = rows.at(-1);
  const touched = touchedLeadIds(rows);
  const current = await leadsByIds(tx, touched);
  const currentById = new Map<string, CurrentLead>(current.map((lead) => [lead.id, { userId: lead.user_id, closed: lead.closed, closedAt: lead.closed_at }]));
  // The same snapshot as `current`: the later states are exactly those that led to it.
  const later = last ? await laterLeadStates(tx, touched, last) : [];
  const plan = planChanges(pull.viewer, rows, currentById, pull.since, later);
  if (plan.reset) return resetPage(pull, xmin);

  const next =
    more && last
      ? { xid: last.xid, seq: last.seq }
      : BigInt(xmin) > BigInt(cursor.xid)
        ? { xid: xmin, seq: '0' }
        : { xid: cursor.xid, seq: cursor.seq };
  const sent = new Set([...plan.fullLeadIds, ...plan.updatedLeadIds]);
  const full = await childrenOfLeads(tx, plan.fullLeadIds);
  const changed = await childrenByIds(tx, plan.updatedLeadIds, plan);
  return {
    ...emptyPage({ phase: 'change', epoch: pull.epoch, ...next }, more),
    // The last page says when committed changes wait behind an older transaction: no event will come for them.
    ...(!more && (await hasChangesHeldBack(tx)) ? { heldBack: true } : {}),
    leads: current.filter((lead) => sent.has(lead.id)).map(toLeadDto),
    removedLeadIds: plan.removedLeadIds,
    wholeLeadIds: plan.fullLeadIds,
    ...mergeChildren(full, changed),
    stages: plan.stages ? await loadStages(tx) : [],
    users: plan.userIds.length > 0 ? await listUsers(tx, plan.userIds) : [],
    dealerships: await dealershipsByIds(tx, plan.dealershipIds),
  };
}

function mergeChildren(a: Children, b: Children): Children {
  return { messages: [...a.messages, ...b.messages], callLogs: [...a.callLogs, ...b.callLogs], activities: [...a.activities, ...b.activities] };
}
