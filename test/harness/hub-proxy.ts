import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A workstation's network path to the hub, under the test's control (as toxiproxy would be): forwards every
 * request and stream to the hub, and can drop the connection for this one workstation, or drop only some
 * requests (`/won/confirm`) to leave the app with work it must finish later. The hub behind it may change
 * (a restarted hub process listens on a new port) while the app keeps its address.
 */
/** A request and its answer as they crossed the proxy (bodies as bytes; an event stream's body is not kept). */
export interface ProxiedExchange {
  method: string;
  url: string;
  requestContentType: string | undefined;
  requestBody: Buffer;
  status: number;
  contentType: string | undefined;
  responseBody: Buffer | null;
}

export class HubProxy {
  private down = false;
  private blocked: RegExp | null = null;
  private held: { paths: RegExp; until: Promise<void> } | null = null;
  /** The path of every request that reached the proxy, in the order they came (held ones too). */
  readonly arrived: string[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((request, response) => this.forward(request, response));

  private constructor(
    private target: string,
    private readonly observe?: (exchange: ProxiedExchange) => void,
  ) {
    this.server.on('connection', (socket) => {
      if (this.down) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** `observe` sees every completed exchange (the contract check records the floor's traffic with it). */
  static async start(target: string, observe?: (exchange: ProxiedExchange) => void): Promise<HubProxy> {
    const proxy = new HubProxy(target, observe);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The address the app signs in to. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The connection drops: open streams are cut and new connections refused until `restore()`. */
  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.down = false;
  }

  /** Requests whose path matches are cut without reaching the hub (null: none). */
  block(paths: RegExp | null): void {
    this.blocked = paths;
  }

  /** Requests whose path matches wait here until `until` settles, then go on to the hub (null: none). */
  hold(paths: RegExp | null, until: Promise<void> = Promise.resolve()): void {
    this.held = paths ? { paths, until } : null;
  }

  /** A restarted hub on another address. */
  retarget(target: string): void {
    this.target = target;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(request: IncomingMessage, response: ServerResponse): void {
    this.arrived.push(request.url ?? '/');
    if (this.down || (this.blocked && this.blocked.test(request.url ?? ''))) {
      request.socket.destroy();
      return;
    }
    const held = this.held;
    if (held && held.paths.test(request.url ?? '')) {
      void held.until.finally(() => this.send(request, response));
      return;
    }
    this.send(request, response);
  }

  private send(request: IncomingMessage, response: ServerResponse): void {
    const target = new URL(request.url ?? '/', this.target);
    const sent: Buffer[] = [];
    if (this.observe) request.on('data', (chunk: Buffer) => sent.push(chunk));
    const upstream = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
      // Connection and Keep-Alive describe the hub's own connection to this proxy (Fastify keeps an idle one 72 s);
      // forwarded, they told the workstation its connection to the proxy would last as long, while this server ends
      // idle ones after 5 s — a request sent on one the proxy had just closed failed with ECONNRESET. Left out, Node
      // writes this server's own (Keep-Alive: timeout=5).
      const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = answer.headers;
      response.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(response);
      const contentType = answer.headers['content-type'];
      if (this.observe) {
        const streaming = (contentType ?? '').startsWith('text/event-stream');
        const received: Buffer[] = [];
        if (!streaming) answer.on('data', (chunk: Buffer) => received.push(chunk));
        answer.once('end', () =>
          this.observe?.({
            method: request.method ?? 'GET',
            url: request.url ?? '/',
            requestContentType: request.headers['content-type'],
            requestBody: Buffer.concat(sent),
            status: answer.statusCode ?? 0,
            contentType,
            responseBody: streaming ? null : Buffer.concat(received),
          }),
        );
      }
      // The hub died mid-answer (an event stream, a killed process): the workstation's connection drops too.
      answer.once('close', () => {
        if (!answer.complete) response.destroy();
      });
    });
    // The hub is gone (killed): the workstation sees its connection drop, as it would in production.
    upstream.on('error', () => request.socket.destroy());
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  }
}
