import { accessError } from './odoo-errors';
import type { AccessOperation, OrmContext } from './orm-context';
import { GROUPS, type GroupId } from './sandbox-groups';
import type { FieldValue, ModelDef, StoredRecord } from './sandbox-models';

/**
 * Record rules (ir.rule) of Odoo 18.0 on the models Won touches, each with the domain it imitates. Global
 * rules all apply; of the group rules, the user's pass if any one passes (`base/models/ir_rule.py`,
 * `_compute_domain`). `company_ids` is `env.companies`.
 */

interface Rule {
  readonly model: string;
  readonly name: string;
  /** Null: a global rule. */
  readonly group: GroupId | null;
  readonly allows: (record: StoredRecord, ctx: OrmContext) => boolean;
}

const inCompanies = (value: FieldValue | undefined, ctx: OrmContext): boolean => typeof value === 'number' && ctx.companyIds.includes(value);
const ownOrNobody = (value: FieldValue | undefined, ctx: OrmContext): boolean => value === null || value === undefined || value === ctx.user.uid;

const RULES: readonly Rule[] = [
  // sale/security/ir_rules.xml, sale_order_comp_rule: [('company_id', 'in', company_ids)]
  { model: 'sale.order', name: 'Sales Order multi-company', group: null, allows: (record, ctx) => inCompanies(record.values.company_id, ctx) },
  // sale_order_personal_rule: ['|',('user_id','=',user.id),('user_id','=',False)] for User: Own Documents Only
  { model: 'sale.order', name: 'Personal Orders', group: GROUPS.salesOwnDocuments, allows: (record, ctx) => ownOrNobody(record.values.user_id, ctx) },
  // sale_order_see_all: [(1,'=',1)] for User: All Documents
  { model: 'sale.order', name: 'All Orders', group: GROUPS.salesAllDocuments, allows: () => true },
  { model: 'sale.order.line', name: 'Sales Order Line multi-company', group: null, allows: (record, ctx) => inCompanies(record.values.company_id, ctx) },
  // sale_order_line_personal_rule: ['|',('salesman_id','=',user.id),('salesman_id','=',False)]
  { model: 'sale.order.line', name: 'Personal Order Lines', group: GROUPS.salesOwnDocuments, allows: (record, ctx) => ownOrNobody(record.values.salesman_id, ctx) },
  { model: 'sale.order.line', name: 'All Orders Lines', group: GROUPS.salesAllDocuments, allows: () => true },
  // base/security/base_security.xml, res_partner_rule:
  // ['|', '|', ('partner_share', '=', False), ('company_id', 'parent_of', company_ids), ('company_id', '=', False)]
  {
    model: 'res.partner',
    name: 'res.partner company',
    group: null,
    allows: (record, ctx) => record.values.partner_share === false || record.values.company_id === null || inCompanies(record.values.company_id, ctx),
  },
  // product/security/product_security.xml, product_comp_rule on the template (product.product inherits it):
  // ['|', ('company_id', 'parent_of', company_ids), ('company_id', '=', False)]
  { model: 'product.product', name: 'Product multi-company', group: null, allows: (record, ctx) => record.values.company_id === null || inCompanies(record.values.company_id, ctx) },
  // base_security.xml, res_company_rule_employee: [('id', 'in', company_ids)]
  { model: 'res.company', name: 'company rule employee', group: GROUPS.internalUser, allows: (record, ctx) => ctx.companyIds.includes(record.id) },
];

/** Whether the user's rules let it touch this record (every rule here applies to all four operations alike). */
export function ruleAllows(ctx: OrmContext, model: ModelDef, record: StoredRecord): boolean {
  const rules = RULES.filter((rule) => rule.model === model.name);
  const groupRules = rules.filter((rule) => rule.group !== null && ctx.user.groups.has(rule.group));
  return rules.every((rule) => rule.group !== null || rule.allows(record, ctx)) && (groupRules.length === 0 || groupRules.some((rule) => rule.allows(record, ctx)));
}

/** `check_access(operation)` on records: the model's rules, or ir_rule.py's AccessError for the first refusal. */
export function ensureRules(ctx: OrmContext, model: ModelDef, records: readonly StoredRecord[], operation: AccessOperation): void {
  if (records.every((record) => ruleAllows(ctx, model, record))) return;
  // The wording of `_make_access_error` for a user outside debug mode.
  throw accessError(
    'Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n' +
      `Sorry, ${ctx.user.name} (id=${ctx.user.uid}) doesn't have '${operation}' access to:\n` +
      `- ${model.description} (${model.name})\n\n` +
      'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.',
  );
}
