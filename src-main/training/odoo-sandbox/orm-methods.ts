import { ensureOperation, ensureRight, hasRight } from './access-control';
import { companyEnvironment } from './company-check';
import { compileDomain } from './domain-filter';
import { fieldsGet } from './fields-get';
import { accessError, ODOO_EXCEPTIONS, OdooError, typeError, userError, valueError } from './odoo-errors';
import { bindArguments, optionalFields, optionalNumber, optionalOrder, REQUIRED, toIds, type Bound, type Param } from './orm-arguments';
import type { OrmContext } from './orm-context';
import { readRecord, sortRecords, type ReadValue } from './orm-values';
import { createRecords, ensureExisting, unlinkRecords, writeRecords } from './orm-write';
import { ensureRules, ruleAllows } from './record-rules';
import { isGroupId } from './sandbox-groups';
import type { ModelDef, StoredRecord } from './sandbox-models';
import type { SandboxDatabase, SandboxUser } from './sandbox-store';

/**
 * The ORM methods reachable through `execute_kw` (odoo/models.py, 18.0). `@api.model` methods take their
 * arguments as given; record methods take the ids first. Searches see only what the record rules let the
 * user read; reads and writes of other records fail.
 */

type Handler = (ctx: OrmContext, model: ModelDef, bound: Bound, ids: number[]) => unknown;

interface MethodDef {
  readonly multi: boolean;
  readonly params: readonly Param[];
  readonly run: Handler;
  /** Only on this model (res.users.has_group). */
  readonly only?: string;
}

/** Archived records are hidden unless the domain itself mentions `active` (Odoo's active_test). */
function mentionsActive(domain: unknown): boolean {
  return Array.isArray(domain) && domain.some((leaf) => Array.isArray(leaf) && leaf[0] === 'active');
}

function searchRecords(ctx: OrmContext, model: ModelDef, bound: Bound): StoredRecord[] {
  ensureRight(ctx, model, 'read');
  const domain = bound.domain ?? [];
  const predicate = compileDomain(domain, model, ctx.db.lookup, ctx.db.models);
  const activeTest = Boolean(model.fields.active) && !mentionsActive(domain);
  const matches = ctx.db
    .records(model.name)
    .filter((record) => predicate(record) && (!activeTest || record.values.active === true) && ruleAllows(ctx, model, record));
  const sorted = sortRecords(ctx.db, model, matches, optionalOrder(bound.order));
  const offset = optionalNumber(bound.offset, 'offset') ?? 0;
  // A limit of 0 is no limit: the query adds LIMIT only for a truthy one (clients such as odoo-await send 0).
  const limit = optionalNumber(bound.limit, 'limit') || null;
  return sorted.slice(offset, limit === null ? undefined : offset + limit);
}

const SEARCH_PARAMS: readonly Param[] = [
  { name: 'domain', fallback: REQUIRED },
  { name: 'offset', fallback: 0 },
  { name: 'limit', fallback: null },
  { name: 'order', fallback: null },
];

/** `has_access`: the model's access right, then the record rules on real records only (empty: rights alone). */
function hasAccess(ctx: OrmContext, model: ModelDef, operation: ReturnType<typeof ensureOperation>, ids: number[]): boolean {
  if (!hasRight(ctx, model, operation)) return false;
  const records = ids.map((id) => ctx.db.lookup(model.name, id)).filter((record): record is StoredRecord => record !== undefined);
  return records.every((record) => ruleAllows(ctx, model, record));
}

/** res/users.py `has_group`: a record method on one user; non-internal users may only ask about themselves. */
function hasGroup(ctx: OrmContext, ids: number[], group: unknown): boolean {
  if (ids.length !== 1) throw valueError(`Expected singleton: res.users(${ids.join(', ')}${ids.length === 1 ? ',' : ''})`);
  if (typeof group !== 'string' || !group.includes('.')) throw new OdooError('builtins.AssertionError', `External ID '${String(group)}' must be fully qualified`);
  if (ids[0] !== ctx.user.uid && !ctx.user.groups.has('base.group_user')) throw accessError('You can ony call user.has_group() with your current user.');
  const user = ctx.db.users.find((candidate) => candidate.uid === ids[0]);
  return user !== undefined && isGroupId(group) && user.groups.has(group);
}

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
        const records = ensureExisting(ctx, model, ids);
        ensureRules(ctx, model, records, 'read');
        return records.map((record) => readRecord(ctx.db, model, record, fields));
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
  ['has_access', { multi: true, params: [{ name: 'operation', fallback: REQUIRED }], run: (ctx, model, bound, ids) => hasAccess(ctx, model, ensureOperation(bound.operation), ids) }],
  // Both return None: the envelope then has no `result` member.
  ...(['check_access', 'check_access_rule'] as const).map((name): [string, MethodDef] => [
    name,
    {
      multi: true,
      params: [{ name: 'operation', fallback: REQUIRED }],
      run: (ctx, model, bound, ids) => {
        const operation = ensureOperation(bound.operation);
        ensureRight(ctx, model, operation);
        ensureRules(ctx, model, ensureExisting(ctx, model, ids), operation);
        return null;
      },
    },
  ]),
  [
    'fields_get',
    { multi: false, params: [{ name: 'allfields', fallback: null }, { name: 'attributes', fallback: null }], run: (_ctx, model, bound) => fieldsGet(model, bound.allfields, bound.attributes) },
  ],
  ['has_group', { multi: true, only: 'res.users', params: [{ name: 'group_ext_id', fallback: REQUIRED }], run: (ctx, _model, bound, ids) => hasGroup(ctx, ids, bound.group_ext_id) }],
]);

export interface OrmSession {
  readonly db: SandboxDatabase;
  readonly user: SandboxUser;
}

/** `execute_kw(db, uid, key, model, method, args, kwargs)` once the caller is authenticated. */
export function callOrmMethod(session: OrmSession, modelName: string, method: string, args: unknown, kwargs: unknown): unknown {
  const model = session.db.model(modelName);
  if (!model) throw userError(`Object ${modelName} doesn't exist`);
  if (method.startsWith('_')) throw accessError(`Private methods (such as '${modelName}.${method}') cannot be called remotely.`);
  const def = METHODS.get(method);
  if (!def || (def.only && def.only !== modelName)) throw new OdooError(ODOO_EXCEPTIONS.attributeError, `The method '${modelName}.${method}' does not exist`);
  if (!Array.isArray(args)) throw typeError(`execute_kw() argument 'args' must be a list, not ${typeof args}`);
  const kw = kwargs === null || kwargs === undefined ? {} : kwargs;
  if (typeof kw !== 'object' || Array.isArray(kw)) throw typeError(`execute_kw() argument 'kwargs' must be a dict`);
  const ctx: OrmContext = { ...session, ...companyEnvironment(session.user, (kw as Record<string, unknown>).context) };
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
