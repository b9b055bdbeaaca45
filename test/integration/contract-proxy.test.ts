import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../src-hub/features/openapi/openapi-document';
import { SecretBox } from '../../src-hub/features/secrets/secret-box';
import { buildHub } from '../../src-hub/server';
import { recordProxiedContract, takeContractBreaches } from '../../src-hub/testing/contract-recorder';
import { HubProxy } from '../harness/hub-proxy';

/** The floor rehearsal's half of the contract check: what crosses a workstation's proxy is checked too. */
describe('the contract check through a hub proxy', () => {
  let server: Server;
  let proxy: HubProxy;
  let hubUrl: string;

  beforeAll(async () => {
    // A stand-in hub process: the real document, and answers the test chooses.
    const { hub, app } = await buildHub({ db: {} as never, secrets: SecretBox.ephemeral() });
    const document = JSON.stringify(buildOpenApi(hub.routes));
    await app.close();
    server = createServer((request, response) => {
      if (request.url === '/api/v1/openapi.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end(document);
      if (request.url === '/api/v1/me') return void response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in.' } }));
      response.writeHead(418, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'teapot', message: 'No.' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    proxy = await HubProxy.start(hubUrl, recordProxiedContract(() => hubUrl));
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** The recorder reads the document before its first check: wait until at least `count` breaches came in. */
  const breachesOnceThere = async (count: number): Promise<string[]> => {
    const collected: string[] = [];
    await expect.poll(() => (collected.push(...takeContractBreaches()), collected.length), { timeout: 5000 }).toBeGreaterThanOrEqual(count);
    return collected;
  };

  it('passes a documented answer and names the route of an undocumented one', async () => {
    expect((await fetch(`${proxy.url}/api/v1/me`)).status).toBe(401);
    expect((await fetch(`${proxy.url}/api/v1/stages`)).status).toBe(418);
    const breaches = await breachesOnceThere(1);
    expect(breaches).toEqual(['GET /api/v1/stages: status 418 is not documented (documented: 200, 400, 401, 426, 500)']);
  });
});
