import { capabilitiesOf, type Role } from './roles';
import { findStage, isClosedStage, type Stage } from './stages';

/** The parts of a lead the access rules look at. */
export interface LeadAccessView {
  userId: string | null;
  stageId: string;
}

export interface Actor {
  id: string;
  role: Role;
}

export function isLeadClosed(stages: readonly Stage[], lead: LeadAccessView): boolean {
  const stage = findStage(stages, lead.stageId);
  return stage ? isClosedStage(stage) : false;
}

export function isLeadUnclaimedOpen(stages: readonly Stage[], lead: LeadAccessView): boolean {
  return lead.userId === null && !isLeadClosed(stages, lead);
}

/**
 * The record rule of "Claiming a Lead": agents see unclaimed open leads and their own; supervisors and
 * managers see everything.
 */
export function canSeeLead(actor: Actor, stages: readonly Stage[], lead: LeadAccessView): boolean {
  if (capabilitiesOf(actor.role).seeAllLeads) return true;
  if (lead.userId === actor.id) return true;
  return isLeadUnclaimedOpen(stages, lead);
}

/** Working a lead (calls, visits, stage moves, Won, Lost): its owner, or a supervisor or manager. */
export function canWorkLead(actor: Actor, lead: LeadAccessView): boolean {
  return lead.userId === actor.id || capabilitiesOf(actor.role).canReassign;
}

export const HEADER_ACTIONS = ['claim', 'call_customer', 'log_call', 'schedule_visit', 'mark_won', 'mark_lost'] as const;
export type HeaderAction = (typeof HEADER_ACTIONS)[number];

export const HEADER_ACTION_LABELS: Record<HeaderAction, string> = {
  claim: 'Claim Lead',
  call_customer: 'Call Customer',
  log_call: 'Log Call',
  schedule_visit: 'Schedule Visit',
  mark_won: 'Mark as Won',
  mark_lost: 'Mark as Lost',
};

const WORK_ACTIONS: readonly HeaderAction[] = ['call_customer', 'log_call', 'schedule_visit', 'mark_won', 'mark_lost'];

/**
 * The lead form's header: only Claim Lead on an unclaimed open lead; the work actions once it is claimed,
 * for its owner and for supervisors and managers; nothing on a closed lead or one the actor may not see.
 */
export function headerActions(actor: Actor, stages: readonly Stage[], lead: LeadAccessView): HeaderAction[] {
  if (!canSeeLead(actor, stages, lead) || isLeadClosed(stages, lead)) return [];
  if (lead.userId === null) return ['claim'];
  return canWorkLead(actor, lead) ? [...WORK_ACTIONS] : [];
}

/** Which board a lead belongs on for this actor (the "What each role sees" table). */
export function isOnOpenLeads(stages: readonly Stage[], lead: LeadAccessView): boolean {
  return isLeadUnclaimedOpen(stages, lead);
}

export function isOnMyPipeline(actor: Actor, lead: LeadAccessView): boolean {
  return lead.userId === actor.id;
}
