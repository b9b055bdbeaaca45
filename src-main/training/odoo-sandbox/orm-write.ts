import { ensureRight } from './access-control';
import { ensureCompanyConsistency } from './company-check';
import { missingError, valueError } from './odoo-errors';
import type { OrmContext } from './orm-context';
import { mandatoryFieldError, toStoredValue } from './orm-values';
import { ensureRules } from './record-rules';
import type { ComputeContext, FieldValue, ModelDef, StoredRecord } from './sandbox-models';

/**
 * create / write / unlink in the order odoo/models.py (18.0) runs its checks: the model's access right, then
 * the values (an unknown field is a ValueError, never ignored), NOT NULL and foreign keys, the lines, the
 * record rules on the new record, and last the company consistency of `check_company` fields.
 */

// `_prepare_create_values` drops these silently; every other unknown key fails.
const MAGIC_FIELDS = new Set(['id', 'create_uid', 'create_date', 'write_uid', 'write_date', 'parent_path']);

export function ensureExisting(ctx: OrmContext, model: ModelDef, ids: readonly number[]): StoredRecord[] {
  const missing = ids.filter((id) => !ctx.db.lookup(model.name, id));
  if (missing.length > 0) {
    throw missingError('Record does not exist or has been deleted.\n' + `(Record: ${model.name}(${missing.join(', ')},), User: ${ctx.user.uid})`);
  }
  return ids.map((id) => ctx.db.lookup(model.name, id) as StoredRecord);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function computeContext(ctx: OrmContext): ComputeContext {
  return { lookup: ctx.db.lookup, uid: ctx.user.uid, groups: ctx.user.groups, companyId: ctx.companyId };
}

/** odoo/models.py, create and write: "Invalid field %r on model %r". */
function ensureKnownFields(model: ModelDef, vals: Record<string, unknown>): void {
  for (const key of Object.keys(vals)) {
    if (!model.fields[key] && !MAGIC_FIELDS.has(key)) throw valueError(`Invalid field '${key}' on model '${model.name}'`);
  }
}

/** `create(vals)` returns an id; `create([vals, ...])` (model_create_multi) returns a list of ids. */
export function createRecords(ctx: OrmContext, model: ModelDef, valsList: unknown): number | number[] {
  ensureRight(ctx, model, 'create');
  if (Array.isArray(valsList)) return valsList.map((vals) => createOne(ctx, model, vals));
  return createOne(ctx, model, valsList);
}

function createOne(ctx: OrmContext, model: ModelDef, vals: unknown): number {
  if (!isPlainObject(vals)) throw valueError(`${model.name}.create() expects a dict of values, got ${JSON.stringify(vals)}`);
  ensureKnownFields(model, vals);
  const compute = computeContext(ctx);
  const defaults = model.defaults?.(compute) ?? {};
  const values: Record<string, FieldValue> = {};
  const commands: [string, unknown][] = [];
  for (const [name, field] of Object.entries(model.fields)) {
    // Precomputed readonly fields given in vals are discarded, to force their computation.
    if (field.computed) {
      if (field.default !== undefined) values[name] = field.default;
      continue;
    }
    if (field.type === 'one2many') {
      if (name in vals) commands.push([name, vals[name]]);
      continue;
    }
    if (name in vals) values[name] = toStoredValue(ctx.db, model, name, field, vals[name]);
    else if (name in defaults) values[name] = defaults[name] ?? null;
    else if (field.default !== undefined) values[name] = field.default;
  }
  if (model.fields.date_order && !values.date_order) values.date_order = ctx.db.now();
  // Only the stored computes left out of vals run (an explicit user_id stays as given).
  model.precompute?.(values, compute);
  // Whatever is still unset is NULL in its column.
  for (const [name, field] of Object.entries(model.fields)) {
    if (field.type !== 'one2many' && !(name in values) && name !== 'id') values[name] = null;
  }
  const sequence = model.sequence;
  for (const [name, field] of Object.entries(model.fields)) {
    if (field.type === 'one2many' || field.type === 'many2many' || field.computed) continue;
    if (field.required && (values[name] === null || values[name] === undefined) && name !== sequence?.field) throw mandatoryFieldError(model, name);
  }
  if (sequence && (values[sequence.field] === null || values[sequence.field] === undefined || values[sequence.field] === 'New')) {
    values[sequence.field] = ctx.db.nextSequence(model.name, sequence.prefix, sequence.padding);
  }
  const id = ctx.db.insert(model.name, values);
  // The lines are created inside the order's _create, before the order's own rule check.
  for (const [name, value] of commands) applyCommands(ctx, model, id, name, value);
  const record = ctx.db.lookup(model.name, id) as StoredRecord;
  ensureRules(ctx, model, [record], 'create');
  ensureCompanyConsistency(ctx, model, record);
  return id;
}

export function writeRecords(ctx: OrmContext, model: ModelDef, ids: readonly number[], vals: unknown): true {
  ensureRight(ctx, model, 'write');
  if (!isPlainObject(vals)) throw valueError(`${model.name}.write() expects a dict of values, got ${JSON.stringify(vals)}`);
  const records = ensureExisting(ctx, model, ids);
  ensureRules(ctx, model, records, 'write');
  ensureKnownFields(model, vals);
  const values: Record<string, FieldValue> = {};
  const commands: [string, unknown][] = [];
  for (const [name, value] of Object.entries(vals)) {
    const field = model.fields[name];
    if (!field || field.computed) continue;
    if (field.type === 'one2many') {
      commands.push([name, value]);
      continue;
    }
    values[name] = toStoredValue(ctx.db, model, name, field, value);
    if (field.required && values[name] === null) throw mandatoryFieldError(model, name);
  }
  for (const id of ids) {
    ctx.db.update(model.name, id, values);
    for (const [name, value] of commands) applyCommands(ctx, model, id, name, value);
    ensureCompanyConsistency(ctx, model, ctx.db.lookup(model.name, id) as StoredRecord);
  }
  return true;
}

export function unlinkRecords(ctx: OrmContext, model: ModelDef, ids: readonly number[]): true {
  ensureRight(ctx, model, 'unlink');
  ensureRules(ctx, model, ensureExisting(ctx, model, ids), 'unlink');
  for (const id of ids) ctx.db.remove(model.name, id);
  return true;
}

/** x2many commands; the Won flow only sends `[0, 0, vals]` (Command.create), so only that and `[5]` exist here. */
function applyCommands(ctx: OrmContext, model: ModelDef, id: number, name: string, value: unknown): void {
  const field = model.fields[name];
  const relation = field?.relation ? ctx.db.model(field.relation) : undefined;
  if (!field || !relation || !field.inverse) return;
  if (!Array.isArray(value)) throw valueError(`Wrong value for ${model.name}.${name}: ${JSON.stringify(value)}`);
  for (const command of value) {
    if (Array.isArray(command) && command[0] === 0) {
      ensureRight(ctx, relation, 'create');
      const lineVals: unknown = command[2];
      if (!isPlainObject(lineVals)) throw valueError(`Wrong value for ${model.name}.${name}: ${JSON.stringify(command)}`);
      createOne(ctx, relation, { ...lineVals, [field.inverse]: id });
    } else if (Array.isArray(command) && command[0] === 5) {
      for (const line of ctx.db.records(relation.name)) {
        if (line.values[field.inverse] === id) ctx.db.remove(relation.name, line.id);
      }
    } else {
      throw valueError(`Unsupported command on ${model.name}.${name}: ${JSON.stringify(command)}`);
    }
  }
}
