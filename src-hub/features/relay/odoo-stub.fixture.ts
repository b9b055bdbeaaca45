import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal Odoo 18 `/jsonrpc` for the relay's tests (the hub may not import the sandbox dealer in
 * src-main): the envelope (HTTP 200 errors, missing `result` for None), `common.version`,
 * `common.authenticate` (uid or false) and `object.execute_kw` checking db, uid and key and recording
 * every call. `mode` injects the faults the relay must survive.
 */
export type StubMode = 'normal' | 'hang' | 'status502' | 'status504' | 'html' | 'leak_args';

export interface StubCall {
  service: string;
  method: string;
  args: unknown[];
}

export interface OdooStub {
  url: string;
  calls: StubCall[];
  mode: StubMode;
  /** The API key the dealer accepts now (change it to simulate a rotated key). */
  key: string;
  close(): Promise<void>;
}

export const STUB_DB = 'dealer_db';
export const STUB_LOGIN = 'relay-bot';
export const STUB_UID = 7;

function envelope(id: unknown, payload: { result?: unknown; error?: unknown }): string {
  return JSON.stringify({ jsonrpc: '2.0', id, ...payload });
}

function odooError(name: string, message: string, debug = ''): { code: number; message: string; data: unknown } {
  return { code: 200, message: 'Odoo Server Error', data: { name, debug, message, arguments: [message], context: {} } };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startOdooStub(key: string): Promise<OdooStub> {
  const stub: OdooStub = { url: '', calls: [], mode: 'normal', key, close: async () => undefined };

  const answer = (service: string, method: string, args: unknown[]): { result?: unknown; error?: unknown } => {
    if (service === 'common' && method === 'version') {
      return { result: { server_version: '18.0', server_version_info: [18, 0, 0, 'final', 0, ''], server_serie: '18.0', protocol_version: 1 } };
    }
    if (service === 'common' && method === 'authenticate') {
      const [db, login, password] = args;
      return { result: db === STUB_DB && login === STUB_LOGIN && password === stub.key ? STUB_UID : false };
    }
    if (service === 'object' && method === 'execute_kw') {
      const [db, uid, password, model, modelMethod, rest] = args;
      if (stub.mode === 'leak_args') return { error: odooError('odoo.exceptions.ValidationError', 'Invalid call', `Traceback: execute_kw${JSON.stringify(args)}`) };
      if (db !== STUB_DB || uid !== STUB_UID || password !== stub.key) return { error: odooError('odoo.exceptions.AccessDenied', 'Access Denied') };
      if (modelMethod === 'create') return { result: 42 };
      if (modelMethod === 'search') return { result: [1, 2] };
      if (modelMethod === 'read') return { result: [{ id: 42, name: 'S00012', state: 'draft' }] };
      return { result: { model, method: modelMethod, args: rest } };
    }
    return { error: odooError('builtins.Exception', `Method not found: ${method}`) };
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const text = await readBody(request);
      if (request.url !== '/jsonrpc' || request.method !== 'POST') {
        response.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
        return;
      }
      let body: { id?: unknown; params?: { service?: string; method?: string; args?: unknown[] } };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        response.writeHead(400, { 'content-type': 'text/html' }).end('<html>Bad Request</html>');
        return;
      }
      const call = { service: body.params?.service ?? '', method: body.params?.method ?? '', args: body.params?.args ?? [] };
      stub.calls.push(call);
      if (stub.mode === 'hang') return; // never answers; closed with the server
      if (stub.mode === 'status502' || stub.mode === 'status504') {
        response.writeHead(stub.mode === 'status502' ? 502 : 504, { 'content-type': 'text/html' }).end('<html>Gateway</html>');
        return;
      }
      if (stub.mode === 'html') {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welcome to nginx</html>');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(envelope(body.id ?? null, answer(call.service, call.method, call.args)));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

/** An address where nothing listens: connection refused. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
