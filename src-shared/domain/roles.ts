/** Roles are cumulative: a manager can do all a supervisor can, a supervisor all an agent can. */
export const ROLES = ['agent', 'supervisor', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  agent: 'BPO Agent',
  supervisor: 'BPO Supervisor',
  manager: 'BPO Manager',
};

const rank: Record<Role, number> = { agent: 0, supervisor: 1, manager: 2 };

/** True when `role` includes the rights of `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}

export interface Capabilities {
  /** Claim an unclaimed open lead (every role). */
  claimUnclaimed: boolean;
  /** Edit the Assigned Agent of any lead: reassign, take over, return to the pool. */
  canReassign: boolean;
  /** See every lead, including other agents' claimed work. */
  seeAllLeads: boolean;
  /** The All Leads menu and panel. */
  allLeadsMenu: boolean;
  /** Floor reports. */
  reports: boolean;
  /** Configuration: stages, dealerships, users, intake keys, mail outbox. */
  configure: boolean;
}

/** The claiming document's "Claiming rules at a glance" and "What each role sees" tables. */
export function capabilitiesOf(role: Role): Capabilities {
  const supervisor = hasRole(role, 'supervisor');
  return {
    claimUnclaimed: true,
    canReassign: supervisor,
    seeAllLeads: supervisor,
    allLeadsMenu: supervisor,
    reports: supervisor,
    configure: hasRole(role, 'manager'),
  };
}

export function canReassign(role: Role): boolean {
  return capabilitiesOf(role).canReassign;
}
