import type { FaultState } from './fault-injector';
import type { LoginLimiter } from './login-limiter';
import { accessDenied, ODOO_EXCEPTIONS, OdooError, typeError } from './odoo-errors';
import { callOrmMethod } from './orm-methods';
import type { Clock, SandboxDatabase, SandboxUser } from './sandbox-store';

/** odoo.http.dispatch_rpc: the `common`, `object` and `db` services behind `/jsonrpc`. */

export interface SandboxState {
  readonly databases: Map<string, SandboxDatabase>;
  readonly limiter: LoginLimiter;
  readonly faults: FaultState;
  readonly clock: Clock;
  readonly calls: RecordedCall[];
  /**
   * `res.users.check` is `@ormcache('uid', 'passwd')` in 18.0: a uid and key that passed once skip the
   * check — and the cool-down — on later calls. Cleared when a key expires (the dealer's key clean-up).
   */
  readonly checked: Set<string>;
}

export interface RecordedCall {
  service: string;
  method: string;
  /** For `object.execute_kw`: the model and its method. */
  model?: string;
  modelMethod?: string;
}

export interface DispatchOutcome {
  /** A thrown error is Odoo's exception (or a bug, which Odoo reports the same way); null result = None. */
  answer: { ok: true; result: unknown } | { ok: false; error: unknown };
  /** The call was performed and its answer must be lost (fault injection). */
  dropAnswer: boolean;
}

export const SERVER_VERSION = {
  server_version: '18.0',
  server_version_info: [18, 0, 0, 'final', 0, ''],
  server_serie: '18.0',
  protocol_version: 1,
} as const;

export function dispatchRpc(state: SandboxState, remoteAddress: string, service: string, method: string, args: unknown[]): DispatchOutcome {
  const drop = { dropAnswer: false };
  try {
    switch (service) {
      case 'common':
        state.calls.push({ service, method });
        return { answer: { ok: true, result: dispatchCommon(state, remoteAddress, method, args) }, dropAnswer: false };
      case 'db':
        state.calls.push({ service, method });
        return { answer: { ok: true, result: dispatchDb(state, method, args) }, dropAnswer: false };
      case 'object':
        return { answer: { ok: true, result: dispatchObject(state, remoteAddress, method, args, drop) }, dropAnswer: drop.dropAnswer };
      default:
        throw new OdooError(ODOO_EXCEPTIONS.keyError, `'${service}'`);
    }
  } catch (error) {
    return { answer: { ok: false, error }, dropAnswer: drop.dropAnswer };
  }
}

function expectArgs(name: string, args: unknown[], names: readonly string[], optional = 0): void {
  const required = names.length - optional;
  if (args.length < required) {
    const missing = names.slice(args.length, required).map((arg) => `'${arg}'`);
    throw typeError(`${name}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.join(' and ')}`);
  }
  if (args.length > names.length) throw typeError(`${name}() takes ${names.length} positional arguments but ${args.length} were given`);
}

function databaseOf(state: SandboxState, name: unknown): SandboxDatabase {
  const db = typeof name === 'string' ? state.databases.get(name) : undefined;
  if (!db) throw new OdooError('psycopg2.OperationalError', `connection to server failed: FATAL:  database "${String(name)}" does not exist`);
  return db;
}

function userWithKey(state: SandboxState, db: SandboxDatabase, match: (user: SandboxUser) => boolean, key: unknown): SandboxUser | null {
  const now = state.clock();
  const user = db.users.find(match);
  const valid = user?.apiKeys.some((apiKey) => apiKey.key === key && (apiKey.expiresAt === null || now < apiKey.expiresAt));
  return user && valid ? user : null;
}

/** `res.users.check(db, uid, passwd)`: cached once it passed; otherwise through the login cool-down. */
function checkCredentials(state: SandboxState, db: SandboxDatabase, remoteAddress: string, uid: number, key: unknown): SandboxUser {
  const cacheKey = `${db.name}\u0000${uid}\u0000${String(key)}`;
  const user = userWithKey(state, db, (candidate) => candidate.uid === uid, key);
  if (user && state.checked.has(cacheKey)) return user;
  if (state.limiter.isOnCooldown(db.name, remoteAddress)) throw new OdooError(ODOO_EXCEPTIONS.accessDenied, 'Too many login failures, please wait a bit before trying again.');
  if (!user) {
    state.limiter.recordFailure(db.name, remoteAddress);
    throw accessDenied();
  }
  state.limiter.recordSuccess(db.name, remoteAddress);
  state.checked.add(cacheKey);
  return user;
}

function dispatchCommon(state: SandboxState, remoteAddress: string, method: string, args: unknown[]): unknown {
  switch (method) {
    case 'version':
      expectArgs('exp_version', args, []);
      return SERVER_VERSION;
    case 'login':
    case 'authenticate': {
      if (method === 'login') expectArgs('exp_login', args, ['db', 'login', 'password']);
      else expectArgs('exp_authenticate', args, ['db', 'login', 'password', 'user_agent_env']);
      const [dbName, login, key] = args;
      const db = databaseOf(state, dbName);
      // A wrong login, a wrong key and the cool-down all answer `false`, never an error; the cool-down
      // refuses before looking, and does not count.
      if (state.limiter.isOnCooldown(db.name, remoteAddress)) return false;
      const user = userWithKey(state, db, (candidate) => candidate.login === login, key);
      if (!user) {
        state.limiter.recordFailure(db.name, remoteAddress);
        return false;
      }
      state.limiter.recordSuccess(db.name, remoteAddress);
      return user.uid;
    }
    default:
      throw new OdooError(ODOO_EXCEPTIONS.exception, `Method not found: ${method}`);
  }
}

function dispatchDb(state: SandboxState, method: string, args: unknown[]): unknown {
  switch (method) {
    case 'list':
      return [...state.databases.keys()];
    case 'server_version':
      return SERVER_VERSION.server_version;
    case 'db_exist':
      expectArgs('exp_db_exist', args, ['db_name']);
      return typeof args[0] === 'string' && state.databases.has(args[0]);
    default:
      throw new OdooError(ODOO_EXCEPTIONS.keyError, `'Method not found: ${method}'`);
  }
}

function dispatchObject(state: SandboxState, remoteAddress: string, method: string, args: unknown[], drop: { dropAnswer: boolean }): unknown {
  if (method !== 'execute' && method !== 'execute_kw') throw new OdooError('builtins.NameError', `Method not available ${method}`);
  // object.dispatch takes db, uid and key off the front, then calls execute_kw(db, uid, obj, method, args, kw=None).
  if (args.length < 3) throw typeError(`not enough values to unpack (expected 3, got ${args.length})`);
  const forwarded = [args[0], args[1], ...args.slice(3)];
  if (method === 'execute_kw') expectArgs('execute_kw', forwarded, ['db', 'uid', 'obj', 'method', 'args', 'kw'], 1);
  else expectArgs('execute', forwarded.slice(0, 4), ['db', 'uid', 'obj', 'method']);
  const [dbName, uid, key, model, modelMethod] = args;
  const modelName = String(model);
  const methodName = String(modelMethod);
  state.calls.push({ service: 'object', method, model: modelName, modelMethod: methodName });
  const fault = state.faults.onObjectCall(modelName, methodName);
  if (fault?.kind === 'fail') throw new OdooError(fault.name, fault.message);
  // Whatever the call does from here on, its answer is lost.
  drop.dropAnswer = fault?.kind === 'drop';
  // object.dispatch does int(uid) before anything else.
  const uidNumber = typeof uid === 'string' && /^\d+$/.test(uid) ? Number(uid) : uid;
  if (typeof uidNumber !== 'number' || !Number.isInteger(uidNumber)) {
    throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${uid === null ? 'NoneType' : typeof uid}'`);
  }
  const db = databaseOf(state, dbName);
  const user = checkCredentials(state, db, remoteAddress, uidNumber, key);
  const [callArgs, kwargs] = method === 'execute_kw' ? [args[5], args[6]] : [args.slice(5), {}];
  return callOrmMethod({ db, user }, modelName, methodName, callArgs, kwargs);
}
