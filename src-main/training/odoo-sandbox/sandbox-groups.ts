/**
 * The Odoo 18.0 groups that decide whether Mark as Won works, by their external ids, with the groups each one
 * implies. Read from `sales_team/security/sales_team_security.xml` (User: Own Documents Only ⊂ User: All
 * Documents ⊂ Administrator) and `base/security/base_groups.xml` (Contact Creation stands alone).
 */

export const GROUPS = {
  internalUser: 'base.group_user',
  contactCreation: 'base.group_partner_manager',
  salesOwnDocuments: 'sales_team.group_sale_salesman',
  salesAllDocuments: 'sales_team.group_sale_salesman_all_leads',
  salesAdministrator: 'sales_team.group_sale_manager',
  /**
   * Not an Odoo group: the sandbox's stand-in for any set of groups that reads partners, products and orders
   * without creating them (the seed's read-only user).
   */
  readOnly: 'sandbox.group_read_only',
} as const;
export type GroupId = (typeof GROUPS)[keyof typeof GROUPS];

/** `res.groups.full_name` as `ir.model.access.group_names_with_access` prints it ("category/name"). */
export const GROUP_NAMES: Readonly<Record<GroupId, string>> = {
  'base.group_user': 'User types/Internal User',
  'base.group_partner_manager': 'Extra Rights/Contact Creation',
  'sales_team.group_sale_salesman': 'Sales/User: Own Documents Only',
  'sales_team.group_sale_salesman_all_leads': 'Sales/User: All Documents',
  'sales_team.group_sale_manager': 'Sales/Administrator',
  'sandbox.group_read_only': 'Sandbox/Read-only',
};

const IMPLIED: Readonly<Partial<Record<GroupId, readonly GroupId[]>>> = {
  'sales_team.group_sale_salesman': ['base.group_user'],
  'sales_team.group_sale_salesman_all_leads': ['sales_team.group_sale_salesman'],
  'sales_team.group_sale_manager': ['sales_team.group_sale_salesman_all_leads'],
  'base.group_partner_manager': [],
};

/** The groups given plus every group they imply (`res.groups.trans_implied_ids`). */
export function withImplied(groups: Iterable<GroupId>): ReadonlySet<GroupId> {
  const all = new Set<GroupId>();
  const add = (group: GroupId): void => {
    if (all.has(group)) return;
    all.add(group);
    for (const implied of IMPLIED[group] ?? []) add(implied);
  };
  for (const group of groups) add(group);
  return all;
}

export function isGroupId(value: unknown): value is GroupId {
  return typeof value === 'string' && Object.values(GROUPS).includes(value as GroupId);
}
