import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of a test hub, for the one fault the hub itself cannot produce: the hub
 * out of reach at a given request. Each armed fault hits the next request whose path matches, once.
 * - `refuse`: the connection is closed before anything is forwarded (the hub never sees the request);
 * - `status502`: a gateway error page, nothing forwarded;
 * - `status500`: the hub's own envelope for an internal error, nothing forwarded (the hub failed, the
 *   connection did not);
 * - `timeout`: forwarded (the hub does the work), the answer held back for `holdMs`;
 * - `drop`: forwarded and answered by the hub, then the connection is closed without the answer.
 */
export type ProxyFaultKind = 'refuse' | 'status502' | 'status500' | 'timeout' | 'drop';

export interface HubProxy {
  url: string;
  arm(fault: { path: RegExp; kind: ProxyFaultKind; holdMs?: number }): void;
  /** How many armed faults have been hit. */
  hits(): number;
  /** Cuts every open connection (the event stream drops and reconnects). */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startHubProxy(target: string): Promise<HubProxy> {
  const upstream = new URL(target);
  let armed: Array<{ path: RegExp; kind: ProxyFaultKind; holdMs: number }> = [];
  let hits = 0;

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = request(
        { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
          answer.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const pipe = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    // Streams (the SSE event stream) pass through as they come.
    const out = request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.socket?.destroy());
    res.on('close', () => out.destroy());
    out.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const index = armed.findIndex((fault) => fault.path.test(req.url ?? ''));
      if (index < 0) return pipe(req, res, body);
      const [fault] = armed.splice(index, 1);
      hits++;
      if (!fault || fault.kind === 'refuse') return void req.socket.destroy();
      if (fault.kind === 'status502') return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
      if (fault.kind === 'status500') {
        const envelope = { error: { code: 'internal', message: 'Internal error. Request id req-proxy.', requestId: 'req-proxy' } };
        return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(envelope));
      }
      void forward(req, body).then(
        async (answer) => {
          if (fault.kind === 'drop') return void req.socket.destroy();
          await new Promise((resolve) => setTimeout(resolve, fault.holdMs));
          if (!res.destroyed) res.writeHead(answer.status, answer.headers).end(answer.body);
        },
        () => req.socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arm: (fault) => armed.push({ holdMs: 1000, ...fault }),
    hits: () => hits,
    dropConnections: () => server.closeAllConnections(),
    close: () =>
      new Promise<void>((resolve) => {
        armed = [];
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
