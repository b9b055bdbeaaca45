import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canSeeLead, canWorkLead, headerActions, isOnMyPipeline, isOnOpenLeads, type Actor } from './lead-access';
import { ROLES, capabilitiesOf, canReassign, hasRole, type Role } from './roles';
import { defaultStages } from './stages.fixture';

const stages = defaultStages();
const agent: Actor = { id: 'a1', role: 'agent' };
const otherAgent: Actor = { id: 'a2', role: 'agent' };
const supervisor: Actor = { id: 's1', role: 'supervisor' };
const manager: Actor = { id: 'm1', role: 'manager' };

const unclaimed = { userId: null, stageId: 'new' };
const mine = { userId: 'a1', stageId: 'qualified' };
const othersLead = { userId: 'a2', stageId: 'qualified' };
const wonLead = { userId: 'a1', stageId: 'won' };
const lostLead = { userId: 'a1', stageId: 'lost' };

describe('roles are cumulative', () => {
  it.each<[Role, Role, boolean]>([
    ['agent', 'agent', true],
    ['agent', 'supervisor', false],
    ['agent', 'manager', false],
    ['supervisor', 'agent', true],
    ['supervisor', 'supervisor', true],
    ['supervisor', 'manager', false],
    ['manager', 'agent', true],
    ['manager', 'supervisor', true],
    ['manager', 'manager', true],
  ])('%s has the rights of %s: %s', (role, required, expected) => {
    expect(hasRole(role, required)).toBe(expected);
  });
});

describe('Claiming rules at a glance', () => {
  // | BPO Agent | Yes, unclaimed leads only | Cannot claim someone else's lead |
  it('an agent claims unclaimed leads only and cannot reassign', () => {
    expect(capabilitiesOf('agent')).toMatchObject({ claimUnclaimed: true, canReassign: false, seeAllLeads: false, configure: false });
    expect(headerActions(agent, stages, unclaimed)).toEqual(['claim']);
    expect(headerActions(agent, stages, othersLead)).toEqual([]);
  });
  // | BPO Supervisor | Yes, including reassignment | Sees all leads, can edit user_id on any |
  it('a supervisor claims, reassigns and sees all leads, without configuration', () => {
    expect(capabilitiesOf('supervisor')).toMatchObject({ claimUnclaimed: true, canReassign: true, seeAllLeads: true, configure: false });
    expect(canSeeLead(supervisor, stages, othersLead)).toBe(true);
  });
  // | BPO Manager | Yes, including reassignment | Same as Supervisor plus config access |
  it('a manager is a supervisor plus configuration access', () => {
    expect(capabilitiesOf('manager')).toEqual({ ...capabilitiesOf('supervisor'), configure: true });
  });
  it('can_reassign: read-only for agents, editable for supervisors and managers', () => {
    expect(ROLES.map((role) => [role, canReassign(role)])).toEqual([
      ['agent', false],
      ['supervisor', true],
      ['manager', true],
    ]);
  });
});

describe('What each role sees', () => {
  it('Open Leads, for every role: only unclaimed leads that are not won or lost', () => {
    expect(isOnOpenLeads(stages, unclaimed)).toBe(true);
    expect(isOnOpenLeads(stages, mine)).toBe(false);
    expect(isOnOpenLeads(stages, { userId: null, stageId: 'lost' })).toBe(false);
  });
  it('My Pipeline, for every role: only the user\'s own leads', () => {
    for (const actor of [agent, supervisor, manager]) {
      expect(isOnMyPipeline(actor, { userId: actor.id, stageId: 'new' })).toBe(true);
      expect(isOnMyPipeline(actor, othersLead)).toBe(false);
    }
  });
  it('All Leads: everything for supervisors and managers; the menu is hidden from agents', () => {
    expect(capabilitiesOf('agent').allLeadsMenu).toBe(false);
    expect(capabilitiesOf('supervisor').allLeadsMenu).toBe(true);
    expect(capabilitiesOf('manager').allLeadsMenu).toBe(true);
  });
  it('once claimed, a lead is hidden from other agents (record rule, not a UI filter)', () => {
    expect(canSeeLead(agent, stages, mine)).toBe(true);
    expect(canSeeLead(otherAgent, stages, mine)).toBe(false);
    expect(canSeeLead(agent, stages, unclaimed)).toBe(true);
  });
  it('an agent keeps seeing their own closed leads', () => {
    expect(canSeeLead(agent, stages, wonLead)).toBe(true);
    expect(canSeeLead(otherAgent, stages, wonLead)).toBe(false);
  });
});

describe('Lead form header', () => {
  it('an unclaimed open lead shows a single primary action: Claim Lead', () => {
    for (const actor of [agent, supervisor, manager]) expect(headerActions(actor, stages, unclaimed)).toEqual(['claim']);
  });
  it('once claimed: Call Customer, Log Call, Schedule Visit, Mark as Won, Mark as Lost, and no Claim Lead', () => {
    const work = ['call_customer', 'log_call', 'schedule_visit', 'mark_won', 'mark_lost'];
    expect(headerActions(agent, stages, mine)).toEqual(work);
    expect(headerActions(supervisor, stages, othersLead)).toEqual(work);
    expect(headerActions(manager, stages, othersLead)).toEqual(work);
  });
  it('a won or lost lead has no actions (Claim Lead button missing on a closed lead)', () => {
    for (const lead of [wonLead, lostLead, { userId: null, stageId: 'won' }]) {
      for (const actor of [agent, supervisor, manager]) expect(headerActions(actor, stages, lead)).toEqual([]);
    }
  });
  it('work is for the owner, supervisors and managers', () => {
    expect(canWorkLead(agent, mine)).toBe(true);
    expect(canWorkLead(otherAgent, mine)).toBe(false);
    expect(canWorkLead(supervisor, mine)).toBe(true);
  });
});

describe('header actions, for any lead and actor', () => {
  const actorArb = fc.record({ id: fc.constantFrom('a1', 'a2', 's1'), role: fc.constantFrom<Role>(...ROLES) });
  const leadArb = fc.record({
    userId: fc.constantFrom(null, 'a1', 'a2', 's1'),
    stageId: fc.constantFrom('new', 'qualified', 'negotiation', 'won', 'lost'),
  });

  it('Claim Lead is offered exactly when the lead is unclaimed and open', () => {
    fc.assert(
      fc.property(actorArb, leadArb, (actor, lead) => {
        const open = lead.stageId !== 'won' && lead.stageId !== 'lost';
        expect(headerActions(actor, stages, lead).includes('claim')).toBe(lead.userId === null && open);
      }),
    );
  });

  it('work actions are offered exactly on a claimed open lead the actor owns or supervises', () => {
    fc.assert(
      fc.property(actorArb, leadArb, (actor, lead) => {
        const open = lead.stageId !== 'won' && lead.stageId !== 'lost';
        const allowed = open && lead.userId !== null && (lead.userId === actor.id || actor.role !== 'agent');
        expect(headerActions(actor, stages, lead).includes('mark_won')).toBe(allowed);
        expect(headerActions(actor, stages, lead).includes('claim') && headerActions(actor, stages, lead).length > 1).toBe(false);
      }),
    );
  });
});
