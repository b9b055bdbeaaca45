import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Who answered what, and when: the test reads it to see requests finished by a stopping hub. */
export interface Answered {
  upstream: string;
  path: string;
  status: number;
  at: number;
}

/**
 * A small load balancer in front of several hubs, behaving as nginx does with its defaults: requests go round
 * robin over kept-alive upstream connections; a connection an upstream refuses (a stopped hub) is tried on the
 * next one, nothing having been sent; any other upstream failure is a 502 page (not the hub's envelope), which a
 * client retries per the contract. Event streams pass through as they come.
 */
export class HubBalancer {
  readonly answered: Answered[] = [];
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((req, res) => this.receive(req, res));

  private constructor(private readonly upstreams: string[]) {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async start(upstreams: string[]): Promise<HubBalancer> {
    const balancer = new HubBalancer(upstreams);
    await new Promise<void>((resolve) => balancer.server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.forward(req, res, Buffer.concat(chunks), 0));
  }

  private forward(req: IncomingMessage, res: ServerResponse, body: Buffer, tried: number): void {
    const upstream = this.upstreams[this.next++ % this.upstreams.length] ?? '';
    const target = new URL(upstream);
    let connected = false;
    const out = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent: this.agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('end', () => this.answered.push({ upstream, path: req.url ?? '', status: answer.statusCode ?? 0, at: Date.now() }));
        answer.once('close', () => {
          if (!answer.complete) res.destroy(); // the hub went away mid-answer: so does the client's connection
        });
      },
    );
    out.on('socket', (socket: Socket) => {
      if (!socket.connecting) connected = true; // a kept-alive connection: the request may reach the hub
      socket.once('connect', () => (connected = true));
    });
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (res.headersSent) return void res.destroy();
      if (!connected && error.code === 'ECONNREFUSED' && tried + 1 < this.upstreams.length) return this.forward(req, res, body, tried + 1);
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
    });
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    out.end(body);
  }
}
