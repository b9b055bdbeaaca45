import { compileDomain } from './domain-filter';
import { accessError, ODOO_EXCEPTIONS, OdooError, typeError, userError, valueError } from './odoo-errors';
import { readRecord, sortRecords, type ReadValue } from './orm-values';
import {
  createRecords,
  ensureExisting,
  ensureOperation,
  ensureRight,
  hasRight,
  unlinkRecords,
  writeRecords,
  type OrmContext,
} from './orm-write';
import { SANDBOX_MODELS, type ModelDef, type StoredRecord } from './sandbox-models';

/**
 * The ORM methods reachable through `execute_kw`, bound from positional `args` and `kwargs` the way Python
 * binds them. `@api.model` methods take their arguments as given; record methods take the ids first.
 */

interface Param {
  readonly name: string;
  readonly fallback?: unknown;
}

type Bound = Record<string, unknown>;
type Handler = (ctx: OrmContext, model: ModelDef, bound: Bound, ids: number[]) => unknown;

interface MethodDef {
  readonly multi: boolean;
  readonly params: readonly Param[];
  readonly run: Handler;
}

const REQUIRED = Symbol('required');

function bindArguments(method: string, params: readonly Param[], args: readonly unknown[], kwargs: Record<string, unknown>): Bound {
  if (args.length > params.length) {
    throw typeError(`${method}() takes ${params.length + 1} positional arguments but ${args.length + 1} were given`);
  }
  const bound: Bound = {};
  params.forEach((param, index) => {
    if (index < args.length) bound[param.name] = args[index];
  });
  for (const [name, value] of Object.entries(kwargs)) {
    if (name === 'context') continue;
    if (!params.some((param) => param.name === name)) throw typeError(`${method}() got an unexpected keyword argument '${name}'`);
    if (name in bound) throw typeError(`${method}() got multiple values for argument '${name}'`);
    bound[name] = value;
  }
  for (const param of params) {
    if (param.name in bound) continue;
    if (param.fallback === REQUIRED) throw typeError(`${method}() missing 1 required positional argument: '${param.name}'`);
    bound[param.name] = param.fallback;
  }
  return bound;
}

function toIds(value: unknown): number[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.map((id) => {
    if (typeof id !== 'number' || !Number.isInteger(id)) throw valueError(`Invalid record ids: ${JSON.stringify(value)}`);
    return id;
  });
}

function optionalNumber(value: unknown, name: string): number | null {
  if (value === null || value === undefined || value === false) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw valueError(`Invalid ${name}: ${JSON.stringify(value)}`);
  return value;
}

function optionalFields(value: unknown): string[] | null {
  if (value === null || value === undefined || value === false) return null;
  if (!Array.isArray(value) || !value.every((name): name is string => typeof name === 'string')) {
    throw valueError(`Invalid fields: ${JSON.stringify(value)}`);
  }
  return value;
}

function optionalOrder(value: unknown): string | null {
  if (value === null || value === undefined || value === false || value === '') return null;
  if (typeof value !== 'string') throw valueError(`Invalid "order" specified (${JSON.stringify(value)})`);
  return value;
}

/** Archived records are hidden unless the domain itself mentions `active` (Odoo's active_test). */
function mentionsActive(domain: unknown): boolean {
  return Array.isArray(domain) && domain.some((leaf) => Array.isArray(leaf) && leaf[0] === 'active');
}

function searchRecords(ctx: OrmContext, model: ModelDef, bound: Bound): StoredRecord[] {
  ensureRight(ctx, model, 'read');
  const domain = bound.domain ?? [];
  const predicate = compileDomain(domain, model, ctx.db.lookup);
  const activeTest = Boolean(model.fields.active) && !mentionsActive(domain);
  const matches = ctx.db.records(model.name).filter((record) => predicate(record) && (!activeTest || record.values.active === true));
  const sorted = sortRecords(ctx.db, model, matches, optionalOrder(bound.order));
  const offset = optionalNumber(bound.offset, 'offset') ?? 0;
  const limit = optionalNumber(bound.limit, 'limit');
  return sorted.slice(offset, limit === null ? undefined : offset + limit);
}

const SEARCH_PARAMS: readonly Param[] = [
  { name: 'domain', fallback: REQUIRED },
  { name: 'offset', fallback: 0 },
  { name: 'limit', fallback: null },
  { name: 'order', fallback: null },
];

const METHODS: ReadonlyMap<string, MethodDef> = new Map<string, MethodDef>([
  ['search', { multi: false, params: SEARCH_PARAMS, run: (ctx, model, bound) => searchRecords(ctx, model, bound).map((record) => record.id) }],
  [
    'search_count',
    {
      multi: false,
      params: [{ name: 'domain', fallback: REQUIRED }, { name: 'limit', fallback: null }],
      run: (ctx, model, bound) => searchRecords(ctx, model, bound).length,
    },
  ],
  [
    'search_read',
    {
      multi: false,
      params: [{ name: 'domain', fallback: null }, { name: 'fields', fallback: null }, ...SEARCH_PARAMS.slice(1), { name: 'load', fallback: '_classic_read' }],
      run: (ctx, model, bound): Record<string, ReadValue>[] => {
        const fields = optionalFields(bound.fields);
        return searchRecords(ctx, model, bound).map((record) => readRecord(ctx.db, model, record, fields));
      },
    },
  ],
  [
    'read',
    {
      multi: true,
      params: [{ name: 'fields', fallback: null }, { name: 'load', fallback: '_classic_read' }],
      run: (ctx, model, bound, ids) => {
        ensureRight(ctx, model, 'read');
        const fields = optionalFields(bound.fields);
        ensureExisting(ctx, model, ids);
        return ids.map((id) => readRecord(ctx.db, model, ctx.db.lookup(model.name, id) as StoredRecord, fields));
      },
    },
  ],
  ['create', { multi: false, params: [{ name: 'vals_list', fallback: REQUIRED }], run: (ctx, model, bound) => createRecords(ctx, model, bound.vals_list) }],
  ['write', { multi: true, params: [{ name: 'vals', fallback: REQUIRED }], run: (ctx, model, bound, ids) => writeRecords(ctx, model, ids, bound.vals) }],
  ['unlink', { multi: true, params: [], run: (ctx, model, _bound, ids) => unlinkRecords(ctx, model, ids) }],
  [
    'check_access_rights',
    {
      multi: false,
      params: [{ name: 'operation', fallback: REQUIRED }, { name: 'raise_exception', fallback: true }],
      run: (ctx, model, bound) => {
        const operation = ensureOperation(bound.operation);
        if (bound.raise_exception !== false) ensureRight(ctx, model, operation);
        return hasRight(ctx, model, operation);
      },
    },
  ],
  [
    'has_access',
    {
      multi: true,
      params: [{ name: 'operation', fallback: REQUIRED }],
      run: (ctx, model, bound) => hasRight(ctx, model, ensureOperation(bound.operation)),
    },
  ],
  // Both return None: the envelope then has no `result` member.
  ...(['check_access', 'check_access_rule'] as const).map((name): [string, MethodDef] => [
    name,
    {
      multi: true,
      params: [{ name: 'operation', fallback: REQUIRED }],
      run: (ctx, model, bound, ids) => {
        ensureRight(ctx, model, ensureOperation(bound.operation));
        ensureExisting(ctx, model, ids);
        return null;
      },
    },
  ]),
]);

/** `execute_kw(db, uid, key, model, method, args, kwargs)` once the caller is authenticated. */
export function callOrmMethod(ctx: OrmContext, modelName: string, method: string, args: unknown, kwargs: unknown): unknown {
  const model = SANDBOX_MODELS.get(modelName);
  if (!model) throw userError(`Object ${modelName} doesn't exist`);
  if (method.startsWith('_')) throw accessError(`Private methods (such as '${modelName}.${method}') cannot be called remotely.`);
  const def = METHODS.get(method);
  if (!def) throw new OdooError(ODOO_EXCEPTIONS.attributeError, `The method '${modelName}.${method}' does not exist`);
  if (!Array.isArray(args)) throw typeError(`execute_kw() argument 'args' must be a list, not ${typeof args}`);
  const kw = kwargs === null || kwargs === undefined ? {} : kwargs;
  if (typeof kw !== 'object' || Array.isArray(kw)) throw typeError(`execute_kw() argument 'kwargs' must be a dict`);
  let ids: number[] = [];
  let rest: readonly unknown[] = args;
  if (def.multi) {
    if (args.length === 0) throw typeError(`${method}() missing 1 required positional argument: 'ids'`);
    ids = toIds(args[0]);
    rest = args.slice(1);
  }
  const bound = bindArguments(method, def.params, rest, kw as Record<string, unknown>);
  // Each call is its own database transaction.
  return ctx.db.transaction(() => def.run(ctx, model, bound, ids));
}
