import { accessError, missingError, valueError } from './odoo-errors';
import { mandatoryFieldError, toStoredValue } from './orm-values';
import { SANDBOX_MODELS, type FieldValue, type ModelDef } from './sandbox-models';
import type { SandboxDatabase, SandboxUser } from './sandbox-store';
import type { AccessOperation } from './seed-data';

/** create / write / unlink with Odoo's checks: access rights, NOT NULL, foreign keys, x2many commands. */

export interface OrmContext {
  readonly db: SandboxDatabase;
  readonly user: SandboxUser;
}

const OPERATION_VERB: Record<AccessOperation, string> = { read: 'read', write: 'modify', create: 'create', unlink: 'delete' };

export function hasRight(ctx: OrmContext, model: ModelDef, operation: AccessOperation): boolean {
  return ctx.user.rights.get(model.name)?.has(operation) ?? false;
}

export function ensureRight(ctx: OrmContext, model: ModelDef, operation: AccessOperation): void {
  if (hasRight(ctx, model, operation)) return;
  throw accessError(
    `You are not allowed to ${OPERATION_VERB[operation]} '${model.description}' (${model.name}) records.\n\n` +
      'Contact your administrator to request access if necessary.',
  );
}

export function ensureOperation(value: unknown): AccessOperation {
  if (value === 'read' || value === 'write' || value === 'create' || value === 'unlink') return value;
  throw valueError(`Invalid access mode: ${JSON.stringify(value)}`);
}

export function ensureExisting(ctx: OrmContext, model: ModelDef, ids: readonly number[]): void {
  const missing = ids.filter((id) => !ctx.db.lookup(model.name, id));
  if (missing.length === 0) return;
  throw missingError(
    'Record does not exist or has been deleted.\n' +
      `(Record: ${model.name}(${missing.join(', ')},), User: ${ctx.user.uid})`,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `create(vals)` returns an id; `create([vals, ...])` (model_create_multi) returns a list of ids. */
export function createRecords(ctx: OrmContext, model: ModelDef, valsList: unknown): number | number[] {
  ensureRight(ctx, model, 'create');
  if (Array.isArray(valsList)) return valsList.map((vals) => createOne(ctx, model, vals));
  return createOne(ctx, model, valsList);
}

function createOne(ctx: OrmContext, model: ModelDef, vals: unknown): number {
  if (!isPlainObject(vals)) throw valueError(`${model.name}.create() expects a dict of values, got ${JSON.stringify(vals)}`);
  const values: Record<string, FieldValue> = {};
  const commands: [string, unknown][] = [];
  for (const [name, field] of Object.entries(model.fields)) {
    if (field.computed) continue;
    if (field.type === 'one2many') {
      if (name in vals) commands.push([name, vals[name]]);
      continue;
    }
    // Unknown keys in vals are ignored, as Odoo only logs them.
    values[name] = name in vals ? toStoredValue(ctx.db, model, name, field, vals[name]) : (field.default ?? null);
  }
  if (model.fields.date_order && values.date_order === null) values.date_order = ctx.db.now();
  model.precompute?.(values, ctx.db.lookup);
  const sequence = model.sequence;
  for (const [name, field] of Object.entries(model.fields)) {
    if (field.required && values[name] === null && name !== sequence?.field) throw mandatoryFieldError(model, name);
  }
  if (sequence && (values[sequence.field] === null || values[sequence.field] === 'New')) {
    values[sequence.field] = ctx.db.nextSequence(model.name, sequence.prefix, sequence.padding);
  }
  const id = ctx.db.insert(model.name, values);
  for (const [name, value] of commands) applyCommands(ctx, model, id, name, value);
  return id;
}

export function writeRecords(ctx: OrmContext, model: ModelDef, ids: readonly number[], vals: unknown): true {
  ensureRight(ctx, model, 'write');
  if (!isPlainObject(vals)) throw valueError(`${model.name}.write() expects a dict of values, got ${JSON.stringify(vals)}`);
  ensureExisting(ctx, model, ids);
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
  }
  return true;
}

export function unlinkRecords(ctx: OrmContext, model: ModelDef, ids: readonly number[]): true {
  ensureRight(ctx, model, 'unlink');
  ensureExisting(ctx, model, ids);
  for (const id of ids) ctx.db.remove(model.name, id);
  return true;
}

/** x2many commands; the Won flow only sends `[0, 0, vals]` (Command.create), so only that and `[5]` exist here. */
function applyCommands(ctx: OrmContext, model: ModelDef, id: number, name: string, value: unknown): void {
  const field = model.fields[name];
  const relation = field?.relation ? SANDBOX_MODELS.get(field.relation) : undefined;
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
