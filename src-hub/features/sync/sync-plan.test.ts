import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesLeadState, inReplicaWindow, planChanges, touchedLeadIds, windowStart, type ChangeRow, type CurrentLead, type LeadState, type Viewer } from './sync-plan';

const NOW = new Date('2026-11-23T09:00:00Z');
const SINCE = windowStart(NOW);
const agentA: Viewer = { id: 'a', seeAll: false };
const agentB: Viewer = { id: 'b', seeAll: false };
const supervisor: Viewer = { id: 's', seeAll: true };

let seq = 0;
function leadRow(leadId: string, before: LeadState | null, after: LeadState): ChangeRow {
  seq++;
  return {
    seq: String(seq),
    xid: String(1000 + seq),
    entity: 'lead',
    entityId: leadId,
    leadId,
    oldUserId: before?.userId ?? null,
    oldClosed: before?.closed ?? null,
    newUserId: after.userId,
    newClosed: after.closed,
    existed: before !== null,
  };
}
function childRow(entity: 'message' | 'call_log' | 'activity', id: string, leadId: string): ChangeRow {
  seq++;
  const none = { oldUserId: null, oldClosed: null, newUserId: null, newClosed: null, existed: null };
  return { seq: String(seq), xid: String(1000 + seq), entity, entityId: id, leadId, ...none };
}
function globalRow(entity: 'stage' | 'user' | 'dealership' | 'reset', id: string | null): ChangeRow {
  seq++;
  const none = { oldUserId: null, oldClosed: null, newUserId: null, newClosed: null, existed: null };
  return { seq: String(seq), xid: String(1000 + seq), entity, entityId: id, leadId: null, ...none };
}

const pool: LeadState = { userId: null, closed: false };
const heldBy = (userId: string, closed = false): LeadState => ({ userId, closed });
const now = (state: LeadState, closedAt: Date | null = state.closed ? NOW : null): CurrentLead => ({ ...state, closedAt });
const current = (entries: Record<string, CurrentLead>): Map<string, CurrentLead> => new Map(Object.entries(entries));

describe('inReplicaWindow', () => {
  it('holds open leads the viewer sees and their own leads closed in the last 90 days', () => {
    expect(inReplicaWindow(agentA, now(pool), SINCE)).toBe(true);
    expect(inReplicaWindow(agentA, now(heldBy('a')), SINCE)).toBe(true);
    expect(inReplicaWindow(agentA, now(heldBy('b')), SINCE)).toBe(false);
    expect(inReplicaWindow(supervisor, now(heldBy('b')), SINCE)).toBe(true);
    expect(inReplicaWindow(agentA, now(heldBy('a', true)), SINCE)).toBe(true);
    expect(inReplicaWindow(agentA, now(heldBy('a', true), new Date(SINCE.getTime() - 1)), SINCE)).toBe(false);
    expect(inReplicaWindow(supervisor, now(heldBy('b', true)), SINCE)).toBe(false);
    expect(inReplicaWindow(supervisor, now({ userId: null, closed: true }), SINCE)).toBe(false);
  });
});

describe('planChanges', () => {
  it('a claim by A removes the lead for B, sends it whole to A (its history now belongs offline) and updates it for supervisors', () => {
    const rows = [leadRow('1', pool, heldBy('a')), childRow('message', '10', '1')];
    const state = current({ '1': now(heldBy('a')) });
    expect(planChanges(agentB, rows, state, SINCE)).toMatchObject({ removedLeadIds: ['1'], fullLeadIds: [], updatedLeadIds: [], messageIds: [] });
    expect(planChanges(agentA, rows, state, SINCE)).toMatchObject({ removedLeadIds: [], fullLeadIds: ['1'], updatedLeadIds: [], messageIds: [] });
    expect(planChanges(supervisor, rows, state, SINCE)).toMatchObject({ updatedLeadIds: ['1'], messageIds: ['10'] });
  });

  it('a lead reassigned to B enters B whole, leaves A, and tells an uninvolved agent nothing', () => {
    const rows = [leadRow('1', heldBy('a'), heldBy('b')), childRow('activity', '7', '1')];
    const state = current({ '1': now(heldBy('b')) });
    expect(planChanges(agentB, rows, state, SINCE)).toMatchObject({ fullLeadIds: ['1'], updatedLeadIds: [], activityIds: [] });
    expect(planChanges(agentA, rows, state, SINCE)).toMatchObject({ removedLeadIds: ['1'], fullLeadIds: [] });
    const other = planChanges({ id: 'c', seeAll: false }, rows, state, SINCE);
    expect(other).toMatchObject({ removedLeadIds: [], fullLeadIds: [], updatedLeadIds: [], activityIds: [] });
  });

  it('a new lead enters every viewer who sees the pool whole', () => {
    const rows = [leadRow('1', null, pool), childRow('message', '10', '1')];
    expect(planChanges(agentA, rows, current({ '1': now(pool) }), SINCE)).toMatchObject({ fullLeadIds: ['1'] });
  });

  it('child changes go to those who see the lead now, with the lead; never to others', () => {
    const rows = [childRow('message', '10', '1'), childRow('call_log', '11', '1')];
    const state = current({ '1': now(heldBy('a')) });
    expect(planChanges(agentA, rows, state, SINCE)).toMatchObject({ updatedLeadIds: ['1'], messageIds: ['10'], callLogIds: ['11'] });
    expect(planChanges(agentB, rows, state, SINCE)).toMatchObject({ updatedLeadIds: [], removedLeadIds: [], messageIds: [], callLogIds: [] });
  });

  it('closing: the owner keeps the lead (resent whole), a supervisor drops someone else’s closed lead', () => {
    const rows = [leadRow('1', heldBy('a'), heldBy('a', true))];
    const state = current({ '1': now(heldBy('a', true)) });
    expect(planChanges(agentA, rows, state, SINCE)).toMatchObject({ fullLeadIds: ['1'], removedLeadIds: [] });
    expect(planChanges(supervisor, rows, state, SINCE)).toMatchObject({ removedLeadIds: ['1'], fullLeadIds: [] });
    expect(planChanges(agentB, rows, state, SINCE)).toMatchObject({ removedLeadIds: [], fullLeadIds: [] });
  });

  it('is not fooled by rows out of commit order: every state of the page counts, not only the first', () => {
    // A transaction with the lower xid (a reassignment A → B) committed after the claim (pool → A).
    const rows = [leadRow('1', heldBy('a'), heldBy('b')), leadRow('1', pool, heldBy('a'))];
    const state = current({ '1': now(heldBy('b')) });
    expect(planChanges({ id: 'c', seeAll: false }, rows, state, SINCE).removedLeadIds).toEqual(['1']);
    expect(planChanges(agentB, rows, state, SINCE).fullLeadIds).toEqual(['1']);
  });

  it('a reset row resets; configuration rows name what to send', () => {
    expect(planChanges(agentA, [leadRow('1', null, pool), globalRow('reset', null)], current({}), SINCE).reset).toBe(true);
    const rows = [globalRow('stage', '3'), globalRow('user', '5'), globalRow('user', '5'), globalRow('dealership', '9')];
    expect(planChanges(agentA, rows, current({}), SINCE)).toMatchObject({ reset: false, stages: true, userIds: ['5'], dealershipIds: ['9'] });
    expect(touchedLeadIds(rows)).toEqual([]);
  });
});

/**
 * A model of one client: random histories of a few leads, served in pages of random size, each page judged
 * against a "now" at or after its last row (the hub reads current rows when it serves). The client starts
 * from a bootstrap of a random world: the lead rows it sees, the history of its own leads only. It must end
 * holding exactly what it sees, must never get a partial update of a lead it does not hold (it would miss
 * children), must never hear of a lead it never could see, and must hold the whole history of every lead
 * that is its own at the end (offline review of the own pipeline is complete).
 */
describe('planChanges, as a client applies it', () => {
  const userArb = fc.constantFrom<string | null>(null, 'v', 'o');
  const stateArb = fc.record({ userId: userArb, closed: fc.boolean() });
  const historyArb = fc.array(fc.record({ lead: fc.constantFrom('1', '2', '3'), to: stateArb }), { minLength: 1, maxLength: 25 });
  const worldArb = fc.array(fc.tuple(fc.constantFrom('1', '2', '3'), stateArb), { maxLength: 3 });

  it('keeps the replica exact, with the whole history of every own lead', () => {
    fc.assert(
      fc.property(historyArb, fc.boolean(), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 30, maxLength: 30 }), fc.array(fc.nat(3), { minLength: 30, maxLength: 30 }), worldArb, (history, seeAll, sizes, lags, world) => {
        const viewer: Viewer = { id: 'v', seeAll };
        const states: Array<Map<string, LeadState>> = [new Map(world)];
        const rows: ChangeRow[] = [];
        for (const step of history) {
          const before = states.at(-1)!;
          rows.push(leadRow(step.lead, before.get(step.lead) ?? null, step.to));
          states.push(new Map(before).set(step.lead, step.to));
        }
        const everSeen = new Set<string>();
        for (const map of states) for (const [id, state] of map) if (inReplicaWindow(viewer, now(state), SINCE)) everSeen.add(id);
        // The bootstrap (below the change log): every lead row it sees, the history of its own leads.
        const booted = [...states[0]!].filter(([, state]) => inReplicaWindow(viewer, now(state), SINCE));
        const held = new Set<string>(booted.map(([id]) => id));
        const whole = new Set<string>(booted.filter(([, state]) => state.userId === viewer.id).map(([id]) => id));
        let start = 0;
        // The hub reads current rows when it serves a page, so a later page never sees an older "now".
        let lastAt = 0;
        for (let page = 0; start < rows.length; page++) {
          const end = Math.min(rows.length, start + (sizes[page % sizes.length] ?? 1));
          const at = Math.max(lastAt, end === rows.length ? rows.length : Math.min(rows.length, end + (lags[page % lags.length] ?? 0)));
          lastAt = at;
          const currentMap = new Map([...states[at]!].map(([id, state]) => [id, now(state)] as const));
          // What the hub reads beside the page: the state-changing rows of the same leads that "now" already shows.
          const later = rows.slice(end, at).filter(changesLeadState);
          const plan = planChanges(viewer, rows.slice(start, end), currentMap, SINCE, later);
          for (const id of plan.updatedLeadIds) expect(held.has(id), `partial update of lead ${id} not held`).toBe(true);
          for (const id of plan.removedLeadIds) expect(everSeen.has(id)).toBe(true);
          for (const id of plan.fullLeadIds) {
            held.add(id);
            whole.add(id);
          }
          for (const id of plan.removedLeadIds) {
            held.delete(id);
            whole.delete(id);
          }
          start = end;
        }
        const visible = [...states.at(-1)!].filter(([, state]) => inReplicaWindow(viewer, now(state), SINCE));
        expect([...held].sort()).toEqual(visible.map(([id]) => id).sort());
        for (const [id, state] of visible) if (state.userId === viewer.id) expect(whole.has(id), `own lead ${id} without its whole history`).toBe(true);
      }),
      // A fixed seed keeps CI deterministic; FC_SEED / FC_RUNS explore further (200,000 runs of random seeds
      // passed when the lead rows beyond the page were added to the judgement).
      { numRuns: Number(process.env['FC_RUNS'] ?? 1000), seed: Number(process.env['FC_SEED'] ?? 20261123) },
    );
  });
});

describe('planChanges, with a page judged against a later "now"', () => {
  // Found by the property above (seed 172158427): lead 1 is created in the pool, edited, closed, reopened.
  const created = leadRow('1', null, pool);
  const edited = leadRow('1', pool, pool);
  const closed = leadRow('1', pool, { userId: null, closed: true });
  const reopened = leadRow('1', { userId: null, closed: true }, pool);

  it('a lead out of sight when an earlier page was served is sent whole when it is back, not as an update', () => {
    // Page 1 (the creation) was served when the lead was already closed: nothing was sent for it.
    const first = planChanges(agentA, [created], current({ '1': now({ userId: null, closed: true }) }), SINCE, [edited, closed]);
    expect(first).toMatchObject({ fullLeadIds: [], updatedLeadIds: [] });
    // Page 2 (the edit) is served after the reopening: every state of the page alone says "held".
    const second = planChanges(agentA, [edited], current({ '1': now(pool) }), SINCE, [closed, reopened]);
    expect(second).toMatchObject({ fullLeadIds: ['1'], updatedLeadIds: [] });
    // Without the later rows the page would have sent a partial update of a lead the client does not hold.
    expect(planChanges(agentA, [edited], current({ '1': now(pool) }), SINCE)).toMatchObject({ fullLeadIds: [], updatedLeadIds: ['1'] });
  });

  it('later rows that do not move the lead between states change nothing; later rows may also remove', () => {
    expect(changesLeadState(edited)).toBe(false);
    expect([created, closed, reopened].every(changesLeadState)).toBe(true);
    expect(planChanges(agentA, [edited], current({ '1': now(pool) }), SINCE, [leadRow('1', pool, pool)]).updatedLeadIds).toEqual(['1']);
    // A holds the lead (it was in the pool when A's earlier page was served); B's edit alone would not tell A to
    // drop it, the return to the pool that "now" already shows does (B has claimed it again since).
    const editByB = leadRow('1', heldBy('b'), heldBy('b'));
    const returnedAndReclaimed = [leadRow('1', heldBy('b'), pool), leadRow('1', pool, heldBy('b'))];
    expect(planChanges(agentA, [editByB], current({ '1': now(heldBy('b')) }), SINCE).removedLeadIds).toEqual([]);
    expect(planChanges(agentA, [editByB], current({ '1': now(heldBy('b')) }), SINCE, returnedAndReclaimed).removedLeadIds).toEqual(['1']);
  });
});
