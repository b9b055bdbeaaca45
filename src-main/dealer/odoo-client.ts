import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios from 'axios';
import { z } from 'zod';
import { DEALER_MESSAGES, dealerErr, dealerOk, type DealerResult } from './dealer-result';
import { describeCall, mapOdooError, mapRelayGatewayError, mapTransportError, type CallSite } from './odoo-error-map';
import { envelopeSchema, uidSchema, versionSchema, type OdooVersion } from './odoo-schemas';

/**
 * An Odoo 18 external JSON-RPC client (`POST /jsonrpc`). The caller gives the full endpoint: the dealer's
 * `<url>/jsonrpc`, or in production the hub's relay `/api/v1/dealer-relay/:id/jsonrpc` with its headers.
 */

export interface OdooClientOptions {
  endpoint: string;
  /** Extra headers, e.g. the relay's `Authorization` and `X-Relay-Lease`. */
  headers?: Record<string, string>;
  /** Deadline of each call, from sending to the whole answer. */
  timeoutMs: number;
}

export interface CallOptions {
  timeoutMs?: number;
}

export interface OdooClient {
  /** One JSON-RPC call; a missing `result` (None) is handed to `schema` as null. */
  call<T>(service: string, method: string, args: unknown[], schema: z.ZodType<T>, options?: CallOptions): Promise<DealerResult<T>>;
  version(): Promise<DealerResult<OdooVersion>>;
  /** The uid; Odoo answers `false` for a wrong login or key, which becomes `dealer_access_denied`. */
  authenticate(db: string, login: string, key: string): Promise<DealerResult<number>>;
  /** db, uid and key are null in relay mode: the relay fills them in. */
  executeKw(db: string | null, uid: number | null, key: string | null, model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<DealerResult<unknown>>;
  executeKw<T>(
    db: string | null,
    uid: number | null,
    key: string | null,
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown> | undefined,
    schema: z.ZodType<T>,
  ): Promise<DealerResult<T>>;
}

// No keep-alive: a pooled socket the server closes while idle would turn a harmless retry into a
// spurious "outcome unknown" on a create.
const httpAgent = new HttpAgent({ keepAlive: false });
const httpsAgent = new HttpsAgent({ keepAlive: false });

const OUTCOME_UNKNOWN_STATUSES = new Set([502, 503, 504]);
const hubErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), dealerCallSent: z.boolean().optional() }) });

export function createOdooClient(options: OdooClientOptions): OdooClient {
  let nextId = 1;

  async function send<T>(site: CallSite, args: unknown[], schema: z.ZodType<T>, callOptions?: CallOptions): Promise<DealerResult<T>> {
    const id = nextId++;
    const timeoutMs = callOptions?.timeoutMs ?? options.timeoutMs;
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: site.service, method: site.method, args }, id });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let response;
    try {
      response = await axios.post<string>(options.endpoint, body, {
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
        signal: controller.signal,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        maxRedirects: 0,
        httpAgent,
        httpsAgent,
      });
    } catch (error) {
      const mapped = mapTransportError(error, timedOut, timeoutMs);
      return dealerErr(mapped.code, mapped.message);
    } finally {
      clearTimeout(timer);
    }
    return readResponse(site, id, response.status, typeof response.data === 'string' ? response.data : '', schema);
  }

  const client: OdooClient = {
    call: (service, method, args, schema, callOptions) => send({ service, method }, args, schema, callOptions),
    version: () => send({ service: 'common', method: 'version' }, [], versionSchema),
    authenticate: async (db, login, key) => {
      const result = await send({ service: 'common', method: 'authenticate' }, [db, login, key, {}], uidSchema);
      if (!result.ok) return result;
      if (result.value === false) {
        return dealerErr('dealer_access_denied', `The dealer's Odoo did not accept the login "${login}" with this API key on database "${db}" (wrong login, database or key, an expired key, or too many failed attempts). A manager should check the dealership's Odoo connection and run Test Connection.`);
      }
      return dealerOk(result.value);
    },
    executeKw: <T>(
      db: string | null,
      uid: number | null,
      key: string | null,
      model: string,
      method: string,
      args: unknown[],
      kwargs?: Record<string, unknown>,
      schema?: z.ZodType<T>,
    ): Promise<DealerResult<T>> => {
      const site: CallSite = { service: 'object', method: 'execute_kw', model, modelMethod: method };
      const rpcArgs = [db, uid, key, model, method, args, kwargs ?? {}];
      // Without a schema the caller asked for the raw value (T is then unknown).
      return send(site, rpcArgs, schema ?? (z.unknown() as z.ZodType<T>));
    },
  };
  return client;
}

function readResponse<T>(site: CallSite, id: number, status: number, text: string, schema: z.ZodType<T>): DealerResult<T> {
  const what = describeCall(site);
  const json = parseJson(text);
  if (OUTCOME_UNKNOWN_STATUSES.has(status)) {
    const hubError = hubErrorSchema.safeParse(json);
    const relayed = mapRelayGatewayError(hubError.success ? hubError.data.error : null);
    if (relayed) return { ok: false, error: relayed };
    return dealerErr('dealer_outcome_unknown', DEALER_MESSAGES.outcomeUnknown(`HTTP ${status} from a proxy or the relay on ${what}`));
  }
  if (status !== 200) {
    const hubError = hubErrorSchema.safeParse(json);
    if (hubError.success) {
      return dealerErr('dealer_unexpected', `The hub's dealer relay refused ${what}: ${hubError.data.error.message} (${hubError.data.error.code}, HTTP ${status}).`);
    }
    return dealerErr('dealer_unexpected', `The dealer's server answered HTTP ${status} instead of a JSON-RPC answer to ${what}. Check that the dealership's Odoo URL points to an Odoo 18 server.`);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    return dealerErr('dealer_unexpected', `The dealer's server did not answer ${what} in JSON-RPC. Check that the dealership's Odoo URL points to an Odoo 18 server.`);
  }
  if (envelope.data.id !== undefined && envelope.data.id !== null && envelope.data.id !== id) {
    return dealerErr('dealer_unexpected', `The dealer's Odoo answered ${what} with the id of another request (${String(envelope.data.id)} instead of ${id}).`);
  }
  if (envelope.data.error) {
    const mapped = mapOdooError(envelope.data.error, site);
    return { ok: false, error: mapped };
  }
  const parsed = schema.safeParse(envelope.data.result ?? null);
  if (!parsed.success) {
    return dealerErr('dealer_unexpected', `The dealer's Odoo answered ${what} with data of an unexpected shape: ${z.prettifyError(parsed.error).replace(/\s+/g, ' ').trim()}`);
  }
  return dealerOk(parsed.data);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
