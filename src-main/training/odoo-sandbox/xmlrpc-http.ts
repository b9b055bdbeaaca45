import type { IncomingMessage, ServerResponse } from 'node:http';
import { deliver, sendHtml, type HttpHooks } from './http-common';
import { ODOO_EXCEPTIONS, OdooError, serializeOdooError } from './odoo-errors';
import { dispatchRpc, type SandboxState } from './rpc-dispatch';
import { CannotMarshalNone, faultResponse, methodResponse, parseMethodCall, XmlRpcError } from './xmlrpc-codec';

/**
 * `/xmlrpc/2/<service>` (base/controllers/rpc.py, 18.0): the same services as `/jsonrpc`, in XML. Errors
 * are faults with an integer code (`xmlrpc_handle_exception_int`): 2 for a UserError (or warning), 3 for
 * AccessDenied, 4 for AccessError, 1 with the traceback for anything else — answered with HTTP 200.
 */

const FAULT_CODES: Readonly<Record<string, number>> = {
  [ODOO_EXCEPTIONS.accessError]: 4,
  [ODOO_EXCEPTIONS.accessDenied]: 3,
  [ODOO_EXCEPTIONS.userError]: 2,
  // Subclasses of UserError in odoo/exceptions.py.
  [ODOO_EXCEPTIONS.validationError]: 2,
  [ODOO_EXCEPTIONS.missingError]: 2,
};

function fault(error: unknown): string {
  const odooError = error instanceof OdooError ? error : new OdooError('builtins.TypeError', error instanceof Error ? error.message : String(error));
  const code = FAULT_CODES[odooError.odooName];
  return code === undefined ? faultResponse(1, serializeOdooError(odooError).debug) : faultResponse(code, odooError.message);
}

function sendXml(res: ServerResponse, xml: string): void {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}

export async function handleXmlRpcRequest(state: SandboxState, hooks: HttpHooks, req: IncomingMessage, res: ServerResponse, service: string, body: Buffer): Promise<void> {
  if (req.method !== 'POST') return sendHtml(res, 405, 'The method is not allowed for the requested URL.');
  let call: ReturnType<typeof parseMethodCall>;
  try {
    call = parseMethodCall(body.toString('utf8'));
  } catch (error) {
    const message = error instanceof XmlRpcError ? error.message : String(error);
    return sendXml(res, fault(new OdooError('xml.parsers.expat.ExpatError', message)));
  }
  const outcome = dispatchRpc(state, req.socket.remoteAddress ?? 'unknown', service, call.method, call.params);
  await deliver(
    hooks,
    res,
    outcome,
    state.faults.httpError,
    (answer) => {
      if (!answer.ok) return sendXml(res, fault(answer.error));
      try {
        sendXml(res, methodResponse(answer.result));
      } catch (error) {
        // A method that returns None cannot be answered over XML-RPC (allow_none=False).
        sendXml(res, fault(new OdooError('builtins.TypeError', error instanceof CannotMarshalNone ? error.message : String(error))));
      }
    },
    state.faults.delayMs,
  );
}
