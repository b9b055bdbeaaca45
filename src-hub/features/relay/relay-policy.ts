import {
  describeRelayAllowList,
  RELAY_ALLOW_LIST,
  type RelayMethod,
  type RelayModel,
  type RelayRequest,
} from '../../../src-shared/contract/relay.schema';

/** What the relay lets through, read from a request's params. Pure: the rules of hub-api.md in one place. */
export type RelayCall =
  | { kind: 'version' }
  | { kind: 'authenticate' }
  | { kind: 'execute'; model: RelayModel; method: RelayMethod };

export type Classified = { ok: true; call: RelayCall } | { ok: false; code: 'forbidden' | 'invalid_input'; message: string };

const isModel = (value: unknown): value is RelayModel => typeof value === 'string' && Object.hasOwn(RELAY_ALLOW_LIST, value);
const isMethodOf = (model: RelayModel, value: unknown): value is RelayMethod =>
  typeof value === 'string' && (RELAY_ALLOW_LIST[model] as readonly string[]).includes(value);

/** A name for logs and messages: `common.version`, `execute_kw sale.order.create`. */
export function describeParams(params: RelayRequest['params']): { service: string; method: string; model: string | null; modelMethod: string | null } {
  if (params.service === 'object' && params.method === 'execute_kw') {
    const [, , , model, method] = params.args;
    return { service: params.service, method: params.method, model: typeof model === 'string' ? model.slice(0, 100) : null, modelMethod: typeof method === 'string' ? method.slice(0, 100) : null };
  }
  return { service: params.service, method: params.method, model: null, modelMethod: null };
}

export function classifyRelayCall(params: RelayRequest['params']): Classified {
  if (params.service === 'common' && params.method === 'version') return { ok: true, call: { kind: 'version' } };
  if (params.service === 'common' && params.method === 'authenticate') return { ok: true, call: { kind: 'authenticate' } };
  if (params.service === 'object' && params.method === 'execute_kw') {
    const [database, uid, key, model, method] = params.args;
    if (!isModel(model) || !isMethodOf(model, method)) {
      const what = `${typeof model === 'string' ? model : '?'}.${typeof method === 'string' ? method : '?'}`;
      return { ok: false, code: 'forbidden', message: `The dealer relay does not allow execute_kw ${what}: ${describeRelayAllowList()}` };
    }
    if (database !== null || uid !== null || key !== null) {
      return { ok: false, code: 'invalid_input', message: 'Invalid body: params.args: send database, uid and key (args 0–2) as null; the relay fills them in.' };
    }
    return { ok: true, call: { kind: 'execute', model, method } };
  }
  return { ok: false, code: 'forbidden', message: `The dealer relay does not allow ${params.service}.${params.method}: ${describeRelayAllowList()}` };
}

export interface FilledCredentials {
  database: string;
  login: string;
  key: string;
  uid: number | null;
}

/** The args sent to the dealer: the credentials go in here and nowhere else. */
export function fillCredentials(call: RelayCall, args: readonly unknown[], credentials: FilledCredentials): unknown[] {
  if (call.kind === 'version') return [...args];
  if (call.kind === 'authenticate') {
    const env = args[3];
    return [credentials.database, credentials.login, credentials.key, env !== null && typeof env === 'object' && !Array.isArray(env) ? env : {}];
  }
  return [credentials.database, credentials.uid, credentials.key, ...args.slice(3)];
}

/** A copy of `value` with every occurrence of `secret` in its strings and keys masked (dealer tracebacks may echo args). */
export function redactSecret<T>(value: T, secret: string): T {
  if (!secret) return value;
  const mask = (text: string): string => (text.includes(secret) ? text.split(secret).join('***') : text);
  const walk = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') return mask(item);
    if (item === null || typeof item !== 'object' || depth > 50) return item;
    if (Array.isArray(item)) return item.map((entry) => walk(entry, depth + 1));
    return Object.fromEntries(Object.entries(item).map(([key, entry]) => [mask(key), walk(entry, depth + 1)]));
  };
  return walk(value, 0) as T;
}

/** The envelope Odoo answers for a bad key or uid, for when the relay's own sign-in was refused. */
export function accessDeniedEnvelope(id: RelayRequest['id']): { jsonrpc: '2.0'; id: RelayRequest['id'] | null; error: { code: number; message: string; data: Record<string, unknown> } } {
  return {
    jsonrpc: '2.0',
    id: id ?? null,
    error: {
      code: 200,
      message: 'Odoo Server Error',
      data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied', arguments: ['Access Denied'], context: {}, debug: '' },
    },
  };
}

/** Whether a dealer envelope is Odoo's AccessDenied (a cached uid may be stale: the key changed). */
export function isAccessDenied(envelope: { error?: { data?: unknown } | undefined }): boolean {
  const data = envelope.error?.data;
  return data !== null && typeof data === 'object' && (data as { name?: unknown }).name === 'odoo.exceptions.AccessDenied';
}
