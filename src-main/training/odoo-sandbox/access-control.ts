import { accessError, valueError } from './odoo-errors';
import type { AccessOperation, OrmContext } from './orm-context';
import { GROUP_NAMES, GROUPS, type GroupId } from './sandbox-groups';
import type { ModelDef } from './sandbox-models';

/**
 * Model access rights (ir.model.access): which group may read, write, create or delete a model, and the
 * AccessError Odoo 18 raises otherwise (`base/models/ir_model.py`, `_make_access_error`).
 */

interface AccessRow {
  readonly model: string;
  readonly group: GroupId;
  readonly perms: readonly AccessOperation[];
}

const R: readonly AccessOperation[] = ['read'];
const RWC: readonly AccessOperation[] = ['read', 'write', 'create'];
const RWCU: readonly AccessOperation[] = ['read', 'write', 'create', 'unlink'];

const ACCESS: readonly AccessRow[] = [
  // base/security/ir.model.access.csv: employees read contacts; only Contact Creation creates them.
  { model: 'res.partner', group: GROUPS.internalUser, perms: R },
  { model: 'res.partner', group: GROUPS.contactCreation, perms: RWC },
  { model: 'res.company', group: GROUPS.internalUser, perms: R },
  { model: 'res.users', group: GROUPS.internalUser, perms: R },
  // product/security/ir.model.access.csv
  { model: 'product.product', group: GROUPS.internalUser, perms: R },
  // sale/security/ir.model.access.csv (18.0, still on sales_team's groups)
  { model: 'sale.order', group: GROUPS.salesOwnDocuments, perms: RWC },
  { model: 'sale.order', group: GROUPS.salesAdministrator, perms: RWCU },
  { model: 'sale.order.line', group: GROUPS.salesOwnDocuments, perms: RWCU },
  // access_res_partner_sale_manager: a Sales Administrator creates contacts without Contact Creation.
  { model: 'res.partner', group: GROUPS.salesAdministrator, perms: RWC },
  { model: 'sale.order', group: GROUPS.readOnly, perms: R },
  { model: 'sale.order.line', group: GROUPS.readOnly, perms: R },
];

const HEADER: Record<AccessOperation, string> = {
  read: 'You are not allowed to access',
  write: 'You are not allowed to modify',
  create: 'You are not allowed to create',
  unlink: 'You are not allowed to delete',
};

export function hasRight(ctx: OrmContext, model: ModelDef, operation: AccessOperation): boolean {
  return ACCESS.some((row) => row.model === model.name && row.perms.includes(operation) && ctx.user.groups.has(row.group));
}

export function ensureRight(ctx: OrmContext, model: ModelDef, operation: AccessOperation): void {
  if (hasRight(ctx, model, operation)) return;
  const groups = ACCESS.filter((row) => row.model === model.name && row.perms.includes(operation))
    .map((row) => GROUP_NAMES[row.group])
    .sort();
  const groupInfo = groups.length > 0 ? `This operation is allowed for the following groups:\n${groups.map((name) => `\t- ${name}`).join('\n')}` : 'No group currently allows this operation.';
  throw accessError(
    `${HEADER[operation]} '${model.description}' (${model.name}) records.\n\n${groupInfo}\n\nContact your administrator to request access if necessary.`,
  );
}

export function ensureOperation(value: unknown): AccessOperation {
  if (value === 'read' || value === 'write' || value === 'create' || value === 'unlink') return value;
  throw valueError(`Invalid access mode: ${JSON.stringify(value)}`);
}
