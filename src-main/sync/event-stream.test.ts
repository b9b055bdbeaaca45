import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSseParser, EventStream, type StreamState } from './event-stream';

describe('SSE parser', () => {
  it('reads events split across chunks, ignores comments and joins multi-line data', () => {
    const events: Array<[string, string]> = [];
    const parse = createSseParser((event, data) => events.push([event, data]));
    parse(': ping\n\nevent: cha');
    parse('nge\r\ndata: {"cursor":"1"}\n\n');
    parse('data: a\ndata: b\n\n');
    expect(events).toEqual([
      ['change', '{"cursor":"1"}'],
      ['message', 'a\nb'],
    ]);
  });
});

describe('event stream', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it('sends the token, reports online, reconnects after a drop, and says offline while the hub is away', async () => {
    const clients: ServerResponse[] = [];
    const auth: string[] = [];
    const server = createServer((request, response) => {
      auth.push(String(request.headers.authorization));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': hello\n\n');
      clients.push(response);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const states: StreamState[] = [];
    const events: string[] = [];
    const stream = new EventStream({
      url: `http://127.0.0.1:${port}/events`,
      token: () => 'tok',
      onEvent: (event, data) => events.push(`${event}:${data}`),
      onState: (state) => states.push(state),
      backoffMs: [20],
      offlineAfter: 2,
    });
    stream.start();
    await expect.poll(() => states).toContain('online');
    clients[0]?.write('event: change\ndata: {"cursor":"9"}\n\n');
    await expect.poll(() => events).toEqual(['change:{"cursor":"9"}']);
    expect(auth[0]).toBe('Bearer tok');

    clients[0]?.destroy();
    await expect.poll(() => clients.length).toBe(2);
    expect(states).toContain('reconnecting');

    server.close();
    server.closeAllConnections();
    await expect.poll(() => states.at(-1), { timeout: 5000 }).toBe('offline');
    stream.stop();
  });
});
