import { accessError, userError, valueError } from './odoo-errors';
import type { OrmContext } from './orm-context';
import type { ModelDef, StoredRecord } from './sandbox-models';
import type { SandboxDatabase, SandboxUser } from './sandbox-store';

/** Companies: the environment a call runs in, and the consistency check of `check_company` fields. */

/**
 * `env.company` and `env.companies` from the call's `context.allowed_company_ids` (odoo/api.py,
 * `Environment.company` / `companies`): without it, the user's default company and all its companies; with
 * a company the user may not use, AccessError.
 */
export function companyEnvironment(user: SandboxUser, context: unknown): { companyId: number; companyIds: readonly number[] } {
  const allowed = typeof context === 'object' && context !== null && !Array.isArray(context) ? (context as Record<string, unknown>).allowed_company_ids : undefined;
  if (allowed === undefined || allowed === null || allowed === false || (Array.isArray(allowed) && allowed.length === 0)) {
    return { companyId: user.companyId, companyIds: user.companyIds };
  }
  if (!Array.isArray(allowed) || !allowed.every((id): id is number => Number.isInteger(id))) {
    throw valueError(`Invalid allowed_company_ids: ${JSON.stringify(allowed)}`);
  }
  if (allowed.some((id) => !user.companyIds.includes(id))) throw accessError('Access to unauthorized or invalid companies.');
  const [first] = allowed;
  return { companyId: first ?? user.companyId, companyIds: allowed };
}

function displayOf(db: SandboxDatabase, modelName: string, id: unknown): string {
  const model = db.model(modelName);
  const record = typeof id === 'number' ? db.lookup(modelName, id) : undefined;
  return model && record ? model.displayName(record, db.lookup) : '';
}

/**
 * odoo/models.py `_check_company` (run by `create` and `write` when `_check_company_auto`): each
 * `check_company` field must point to a record of the same company or of none, archived ones included.
 */
export function ensureCompanyConsistency(ctx: OrmContext, model: ModelDef, record: StoredRecord): void {
  const { db } = ctx;
  const company = record.values.company_id;
  const lines: string[] = [];
  for (const [name, field] of Object.entries(model.fields)) {
    if (!field.checkCompany || !field.relation) continue;
    const targetId = record.values[name];
    const target = typeof targetId === 'number' ? db.lookup(field.relation, targetId) : undefined;
    const targetCompany = target?.values.company_id ?? null;
    if (!target || targetCompany === null || targetCompany === company) continue;
    lines.push(
      `- “${model.displayName(record, db.lookup)}” belongs to company “${displayOf(db, 'res.company', company)}” and “${field.label}” ` +
        `(${name}: '${displayOf(db, field.relation, targetId)}') belongs to another company.`,
    );
  }
  if (lines.length > 0) throw userError(['Incompatible companies on records:', ...lines.slice(0, 5)].join('\n'));
}
