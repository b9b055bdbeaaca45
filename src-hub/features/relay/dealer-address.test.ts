import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { literalHostOf, refusedDealerAddress } from './dealer-address';
import { guardedLookup, postDealer } from './dealer-http';

describe('dealer addresses the hub never calls', () => {
  it('refuses link-local and metadata addresses always, loopback unless allowed; private ranges stay allowed', () => {
    for (const address of ['169.254.169.254', '169.254.0.1', '::ffff:169.254.169.254', 'fe80::1', 'fd00:ec2::254']) {
      expect(refusedDealerAddress(address, true), address).toContain('link-local or cloud metadata');
    }
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '0.0.0.0', '::ffff:127.0.0.1']) {
      expect(refusedDealerAddress(address, false), address).toContain('loopback');
      expect(refusedDealerAddress(address, true), address).toBeNull();
    }
    for (const address of ['10.1.2.3', '192.168.0.10', '172.16.5.4', '100.64.0.1', 'fd12:3456::1', '203.0.113.7']) {
      expect(refusedDealerAddress(address, false), address).toBeNull();
    }
  });

  it("reads a URL's literal host, localhost included", () => {
    expect(literalHostOf(new URL('http://[::1]:8069'))).toBe('::1');
    expect(literalHostOf(new URL('http://LOCALHOST:8069'))).toBe('127.0.0.1');
    expect(literalHostOf(new URL('http://169.254.169.254/latest'))).toBe('169.254.169.254');
    expect(literalHostOf(new URL('https://odoo.dealer.example'))).toBeNull();
  });

  it('judges a name by what it resolves to at connection time', async () => {
    const resolve = (allowLoopback: boolean) =>
      new Promise<string>((done) => guardedLookup(allowLoopback)('localhost', { family: 4 }, (error, address) => done(error ? `refused: ${error.message}` : String(address))));
    expect(await resolve(false)).toMatch(/^refused: localhost resolves to 127\.0\.0\.1 is this hub's own machine/);
    expect(await resolve(true)).toBe('127.0.0.1');
  });

  describe('on the wire', () => {
    let server: Server;
    let port: number;
    let hits = 0;
    beforeAll(async () => {
      server = createServer((_request, response) => {
        hits++;
        response.end('{"jsonrpc":"2.0","id":1,"result":1}');
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    it('sends nothing to a refused address, and reaches it once allowed', async () => {
      const refused = await postDealer(`http://127.0.0.1:${port}/jsonrpc`, '{}', 2_000, { allowLoopback: false });
      expect(refused).toEqual({ kind: 'unreachable', detail: "127.0.0.1 is this hub's own machine (loopback), which the hub never calls" });
      const byName = await postDealer(`http://localhost:${port}/jsonrpc`, '{}', 2_000, { allowLoopback: false });
      expect(byName.kind).toBe('unreachable');
      const metadata = await postDealer('http://169.254.169.254/latest/meta-data', '{}', 2_000, { allowLoopback: true });
      expect(metadata).toMatchObject({ kind: 'unreachable', detail: expect.stringContaining('cloud metadata') });
      expect(hits).toBe(0);
      expect(await postDealer(`http://127.0.0.1:${port}/jsonrpc`, '{}', 2_000, { allowLoopback: true })).toMatchObject({ kind: 'answer', status: 200 });
      expect(hits).toBe(1);
    });
  });
});

describe('dealer URLs in Configuration', () => {
  let env: TestHub;
  let manager: string;
  beforeAll(async () => {
    env = await startTestHub('pglite', { allowLoopbackDealers: false });
    manager = (await createUser(env.db, 'addr-manager', 'manager')).token;
  });
  afterAll(() => env.close());

  it('refuses a metadata or loopback address when saved, naming connection.url; a LAN address is fine', async () => {
    for (const url of ['http://169.254.169.254', 'http://[fd00:ec2::254]', 'http://127.0.0.1:8069', 'http://localhost:8069']) {
      const answer = await api(env.url, manager).post<{ error: { code: string; message: string } }>('/dealerships', {
        code: `ADDR${url.length}`,
        name: 'Address test',
        connection: { url, database: 'd', login: 'l', apiKey: 'k' },
      });
      expect(answer.status, url).toBe(400);
      expect(answer.body.error.message, url).toContain('connection.url');
    }
    const lan = await api(env.url, manager).post('/dealerships', { code: 'LAN', name: 'LAN dealer', connection: { url: 'http://192.168.10.5:8069', database: 'd', login: 'l', apiKey: 'k' } });
    expect(lan.status).toBe(201);
  });
});
