import type { IncomingMessage, ServerResponse } from 'node:http';
import { ODOO_EXCEPTIONS, OdooError, serializeOdooError, typeError } from './odoo-errors';
import { deliver, readBody, sendHtml, sendProxyError, type HttpHooks } from './http-common';
import { dispatchRpc, SERVER_VERSION, type DispatchOutcome, type SandboxState } from './rpc-dispatch';
import { handleXmlRpcRequest } from './xmlrpc-http';

/**
 * The HTTP face of Odoo's `/jsonrpc` route: the JSON-RPC envelope (errors are HTTP 200 too, a None result
 * has no `result` member), werkzeug's plain HTML pages for what never reaches the dispatcher, and the
 * proxy-level faults.
 */

const JSON_MIMETYPES = new Set(['application/json', 'application/json-rpc']);
function sendEnvelope(res: ServerResponse, id: unknown, member: { result: unknown } | { error: unknown }): void {
  // Odoo builds {"jsonrpc", "id"} and adds `error`, or `result` only when it is not None.
  const envelope: Record<string, unknown> = { jsonrpc: '2.0', id };
  if ('error' in member) envelope.error = member.error;
  else if (member.result !== null && member.result !== undefined) envelope.result = member.result;
  const body = JSON.stringify(envelope);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function errorMember(error: unknown, code = 200, message = 'Odoo Server Error'): { error: unknown } {
  const odooError = error instanceof OdooError ? error : new OdooError(ODOO_EXCEPTIONS.exception, String(error));
  return { error: { code, message, data: serializeOdooError(odooError) } };
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Odoo's routes the sandbox serves: `/jsonrpc`, the JSON route `/web/webclient/version_info`
 * (web/controllers/webclient.py answers `common.version`'s data), and XML-RPC on `/xmlrpc/2/<service>`.
 */
export async function handleJsonRpcRequest(state: SandboxState, hooks: HttpHooks, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (body === null) return sendHtml(res, 413, 'The data value transmitted exceeds the capacity limit.');
  // The proxy answers for a dead worker whatever the request was; `perform` means the worker did the job first.
  const httpError = state.faults.httpError;
  if (httpError && !httpError.perform) return sendProxyError(res, httpError.status);
  const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
  const xmlService = /^\/xmlrpc\/2\/([^/]+)$/.exec(path)?.[1];
  if (xmlService !== undefined) return handleXmlRpcRequest(state, hooks, req, res, xmlService, body);
  const mimetype = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const isJson = JSON_MIMETYPES.has(mimetype);
  const jsonRoute = path === '/jsonrpc' || path === '/web/webclient/version_info';

  if (!jsonRoute) {
    if (!isJson) return sendHtml(res, 404, 'The requested URL was not found on the server.');
    const parsed = parseJson(body);
    const id = parsed.ok && isObject(parsed.value) ? (parsed.value.id ?? null) : null;
    const notFound = new OdooError(ODOO_EXCEPTIONS.notFound, '404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.');
    return sendEnvelope(res, id, errorMember(notFound, 404, '404: Not Found'));
  }
  if (req.method !== 'POST') return sendHtml(res, 405, 'The method is not allowed for the requested URL.');
  if (!isJson) return sendHtml(res, 400, `Request inferred type is compatible with ['http'] but '${path}' is type='json'.`);
  const parsed = parseJson(body);
  if (!parsed.ok) return sendHtml(res, 400, 'Invalid JSON data');
  if (!isObject(parsed.value)) return sendHtml(res, 400, 'Invalid JSON-RPC data');
  const id = parsed.value.id ?? null;

  const outcome: DispatchOutcome =
    path === '/jsonrpc'
      ? dispatchParams(state, req.socket.remoteAddress ?? 'unknown', parsed.value.params)
      : { answer: { ok: true, result: SERVER_VERSION }, dropAnswer: false };
  await deliver(hooks, res, outcome, httpError, (answer) => sendEnvelope(res, id, answer.ok ? { result: answer.result } : errorMember(answer.error)), state.faults.delayMs);
}

function dispatchParams(state: SandboxState, remoteAddress: string, params: unknown): DispatchOutcome {
  const fail = (error: OdooError): DispatchOutcome => ({ answer: { ok: false, error }, dropAnswer: false });
  const given = params ?? {};
  if (!isObject(given)) return fail(typeError(`'${Array.isArray(given) ? 'list' : typeof given}' object is not a mapping`));
  const { service, method, args } = given;
  for (const [name, value] of [['service', service], ['method', method], ['args', args]] as const) {
    if (value === undefined) return fail(typeError(`jsonrpc() missing 1 required positional argument: '${name}'`));
  }
  if (typeof service !== 'string' || typeof method !== 'string') return fail(typeError('service and method must be strings'));
  if (!Array.isArray(args)) return fail(typeError(`args must be a list, not ${typeof args}`));
  return dispatchRpc(state, remoteAddress, service, method, args);
}
