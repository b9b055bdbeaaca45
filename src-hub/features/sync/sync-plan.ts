import { capabilitiesOf, type Role } from '../../../src-shared/domain/roles';

/** The replica holds open leads the user sees plus their own closed leads of this many days (DESIGN.md §6). */
export const REPLICA_WINDOW_DAYS = 90;

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - REPLICA_WINDOW_DAYS * 24 * 60 * 60_000);
}

export type ChangeEntity = 'lead' | 'message' | 'call_log' | 'activity' | 'stage' | 'user' | 'dealership' | 'reset';

/** One row of the `changes` log as sync reads it. */
export interface ChangeRow {
  seq: string;
  xid: string;
  entity: ChangeEntity;
  entityId: string | null;
  leadId: string | null;
  /** Lead rows: owner and closed flag before (when `existed`) and after the change. */
  oldUserId: string | null;
  oldClosed: boolean | null;
  newUserId: string | null;
  newClosed: boolean | null;
  existed: boolean | null;
}

export interface Viewer {
  id: string;
  /** Supervisors and managers see every open lead. */
  seeAll: boolean;
}

export function viewerOf(user: { id: string; role: Role }): Viewer {
  return { id: user.id, seeAll: capabilitiesOf(user.role).seeAllLeads };
}

export interface LeadState {
  userId: string | null;
  closed: boolean;
}

export interface CurrentLead extends LeadState {
  closedAt: Date | null;
}

/** Is the lead, as it is now, in the viewer's replica window? (The visibility rule of DESIGN.md §4.1 plus §6.) */
export function inReplicaWindow(viewer: Viewer, lead: CurrentLead, since: Date): boolean {
  if (!lead.closed) return viewer.seeAll || lead.userId === null || lead.userId === viewer.id;
  return lead.userId === viewer.id && lead.closedAt !== null && lead.closedAt.getTime() >= since.getTime();
}

/** In this past state the lead was certainly in the viewer's replica (open and visible). */
function surelyHeld(viewer: Viewer, state: LeadState | null): boolean {
  return state !== null && !state.closed && (viewer.seeAll || state.userId === null || state.userId === viewer.id);
}

/** In this past state the lead may have been in the viewer's replica (an own closed lead may be in the window). */
function maybeHeld(viewer: Viewer, state: LeadState | null): boolean {
  if (state === null) return false;
  return state.closed ? state.userId === viewer.id : surelyHeld(viewer, state);
}

/**
 * The lead is the viewer's now and was someone else's (or nobody's) in one of these states: a claim or a
 * reassignment to them. A replica holds the history of the user's own leads only (other leads' history is
 * fetched when opened), so such a lead is sent whole even when it was already held as a pool lead.
 */
function becameOwn(viewer: Viewer, now: CurrentLead, states: ReadonlyArray<LeadState | null>): boolean {
  return now.userId === viewer.id && states.some((state) => state === null || state.userId !== viewer.id);
}

/** What one page of change rows means for one viewer: which current rows to send and which leads to drop. */
export interface ChangePlan {
  /** A `reset` row is in the range: the replica must be rebuilt. */
  reset: boolean;
  /** Leads entering the replica or becoming the viewer's: the lead with all its messages, call logs and activities. */
  fullLeadIds: string[];
  /** Leads that stay in the replica: the lead and the changed children below. */
  updatedLeadIds: string[];
  removedLeadIds: string[];
  messageIds: string[];
  callLogIds: string[];
  activityIds: string[];
  /** Some stage changed: all stages are sent (they order each other). */
  stages: boolean;
  userIds: string[];
  dealershipIds: string[];
}

interface LeadTouch {
  /** The states the lead's change rows in this page passed through (null = did not exist yet). */
  states: Array<LeadState | null>;
  messageIds: string[];
  callLogIds: string[];
  activityIds: string[];
}

/** The leads a page's change rows touch, for reading their current rows. */
export function touchedLeadIds(rows: readonly ChangeRow[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) if (row.leadId !== null && row.entity !== 'reset') ids.add(row.leadId);
  return [...ids];
}

function groupByLead(rows: readonly ChangeRow[]): Map<string, LeadTouch> {
  const touches = new Map<string, LeadTouch>();
  for (const row of rows) {
    if (row.leadId === null) continue;
    let touch = touches.get(row.leadId);
    if (!touch) {
      touch = { states: [], messageIds: [], callLogIds: [], activityIds: [] };
      touches.set(row.leadId, touch);
    }
    if (row.entity === 'lead') {
      touch.states.push(row.existed ? { userId: row.oldUserId, closed: row.oldClosed ?? false } : null);
      touch.states.push({ userId: row.newUserId, closed: row.newClosed ?? false });
    } else if (row.entityId !== null) {
      if (row.entity === 'message') touch.messageIds.push(row.entityId);
      if (row.entity === 'call_log') touch.callLogIds.push(row.entityId);
      if (row.entity === 'activity') touch.activityIds.push(row.entityId);
    }
  }
  return touches;
}

/**
 * Does this lead row move the lead between states sync tells apart (created, claimed, reassigned, returned,
 * closed, reopened)? The SQL twin is the predicate of the `changes_lead_states` index (migration 004).
 */
export function changesLeadState(row: ChangeRow): boolean {
  return row.entity === 'lead' && (row.existed !== true || row.oldUserId !== row.newUserId || row.oldClosed !== row.newClosed);
}

/**
 * Decides a change page for one viewer. The change log is ordered by transaction id, which is not always the
 * order in which one lead's changes committed, so the decision looks at every state the page's rows mention,
 * not only the first: a lead visible now is sent whole unless it was surely in the replica in all of them
 * (over-sending is harmless: upserts of current rows), and so is a lead that became the viewer's (claim,
 * reassignment: its history arrives whole); a lead not visible now is removed if it may have been
 * in the replica in any of them — and only then, so no id of a lead never visible to the viewer leaks.
 *
 * `later` holds the touched leads' state-changing rows after the page that "now" already shows. An earlier
 * page was judged against its own "now", which may lie beyond this page: a lead out of sight then was not
 * sent, and if it is back in sight now the client does not hold it although every state of this page says
 * it should. The state that hid it is the old state of a later row — in the page or in `later` — so those
 * states count too.
 */
export function planChanges(
  viewer: Viewer,
  rows: readonly ChangeRow[],
  current: ReadonlyMap<string, CurrentLead>,
  since: Date,
  later: readonly ChangeRow[] = [],
): ChangePlan {
  const plan: ChangePlan = {
    reset: rows.some((row) => row.entity === 'reset'),
    fullLeadIds: [],
    updatedLeadIds: [],
    removedLeadIds: [],
    messageIds: [],
    callLogIds: [],
    activityIds: [],
    stages: rows.some((row) => row.entity === 'stage'),
    userIds: distinctIds(rows, 'user'),
    dealershipIds: distinctIds(rows, 'dealership'),
  };
  if (plan.reset) return plan;
  const laterStates = groupByLead(later.filter(changesLeadState));
  for (const [leadId, touch] of groupByLead(rows)) {
    const now = current.get(leadId);
    const states = [...touch.states, ...(laterStates.get(leadId)?.states ?? [])];
    if (now && inReplicaWindow(viewer, now, since)) {
      if (states.some((state) => !surelyHeld(viewer, state)) || becameOwn(viewer, now, states)) {
        plan.fullLeadIds.push(leadId);
      } else {
        plan.updatedLeadIds.push(leadId);
        plan.messageIds.push(...touch.messageIds);
        plan.callLogIds.push(...touch.callLogIds);
        plan.activityIds.push(...touch.activityIds);
      }
    } else if (states.some((state) => maybeHeld(viewer, state))) {
      plan.removedLeadIds.push(leadId);
    }
  }
  return plan;
}

function distinctIds(rows: readonly ChangeRow[], entity: ChangeEntity): string[] {
  const ids = new Set<string>();
  for (const row of rows) if (row.entity === entity && row.entityId !== null) ids.add(row.entityId);
  return [...ids];
}
