import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { openDatabase } from '../db/open-database';
import type { Database } from '../db/database';
import { SecretBox } from '../features/secrets/secret-box';
import { HubError } from '../http/hub-error';
import { route } from '../http/route';
import { buildHub } from '../server';
import { recordContract, takeContractBreaches } from './contract-recorder';
import { pgliteSnapshot } from './hub-test-env';

describe('the contract check', () => {
  let db: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: null, pgliteSnapshot: pgliteSnapshot() });
    ({ app } = await buildHub({
      db,
      secrets: SecretBox.ephemeral(),
      log: { info: () => undefined, error: () => undefined },
      instrument: (fastify, hub) => {
        recordContract(fastify, hub);
        // A route the document lists with no error of its own, answering one anyway.
        void fastify.register(
          async (api) => {
            route(api, hub, { method: 'GET', url: '/test/closed', tag: 'test', summary: 'Refuses', auth: 'none' }, async () => {
              throw new HubError('lead_closed', 'closed');
            });
            // A query schema that is not strict: it lets through a parameter the document does not list.
            route(api, hub, { method: 'GET', url: '/test/loose', tag: 'test', summary: 'Loose', auth: 'none', query: z.object({ n: z.string() }), response: z.object({}) }, async () => ({}));
          },
          { prefix: '/api/v1' },
        );
        // A route the document does not list at all.
        fastify.get('/api/v1/test/unlisted', async () => ({ fine: true }));
      },
    }));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('passes what the document describes, and names the route of each answer it does not', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/me' })).statusCode).toBe(405);
    expect(takeContractBreaches()).toEqual([]);

    expect((await app.inject({ method: 'GET', url: '/api/v1/test/closed' })).statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: '/api/v1/test/closed' })).statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: '/api/v1/test/unlisted' })).statusCode).toBe(200);
    expect(takeContractBreaches()).toEqual([
      'GET /api/v1/test/closed: status 422 is not documented (documented: 204, 400, 426, 500) (2 times)',
      'GET /api/v1/test/unlisted is not in the document, yet answered 200',
    ]);
  });

  it('flags a success given to a request the document refuses', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/test/loose?n=1' })).statusCode).toBe(200);
    expect(takeContractBreaches()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/test/loose?n=1&extra=2' })).statusCode).toBe(200);
    expect(takeContractBreaches()).toEqual([expect.stringMatching(/^GET \/api\/v1\/test\/loose: answered 200 to a request the document refuses \(query: /)]);
  });
});
