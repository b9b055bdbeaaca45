import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loginResponseSchema, meResponseSchema } from '../../src-shared/contract/auth.schema';
import { dealershipListSchema, leadSchema, messageSchema, stageListSchema } from '../../src-shared/contract/entities.schema';
import { leadPageSchema } from '../../src-shared/contract/leads.schema';
import { syncPageSchema } from '../../src-shared/contract/sync.schema';
import { createLead, createUser, startTestHub, TEST_PASSWORD, type TestHub } from '../../src-hub/testing/hub-test-env';
import { successShapes, UNDESCRIBED_SHAPE } from './contract-shapes';
import { PREVIOUS_APP_REQUESTS, PREVIOUS_APP_SUCCESS_SHAPES } from './previous-app.fixture';

/**
 * Every contract change of this round stays readable by the previous app version (issue 22, item 8): that
 * version's recorded requests, replayed as it sends them (no X-App-Version), are served, and every answer it reads
 * has the shape it had then. A hub release that changes one must raise MIN_APP_VERSION and re-record the fixture.
 */
let env: TestHub;

beforeAll(async () => {
  env = await startTestHub('postgres');
  await createUser(env.db, 'maria', 'agent', 'Maria Santos');
});
afterAll(() => env.close());

describe('the previous app version against this hub', () => {
  it('finds every operation it reads, answering the shape it had', async () => {
    const current = successShapes((await (await fetch(`${env.url}/openapi.json`)).json()) as Parameters<typeof successShapes>[0]);
    const changed = Object.entries(PREVIOUS_APP_SUCCESS_SHAPES)
      // An answer undescribed then (the event stream, the document itself) may be described now: nothing it read changed.
      .filter(([operation, shape]) => current[operation] !== shape && !(shape === UNDESCRIBED_SHAPE && current[operation]))
      .map(([operation]) => `${operation}: ${current[operation] ? 'changed shape' : 'gone'}`);
    expect(changed).toEqual([]);
  });

  it('is served its recorded requests, sent without a version, and reads every answer', async () => {
    const lead = await createLead(env.db);
    const readers: Record<string, z.ZodType | null> = {
      'POST /api/v1/auth/login 200': loginResponseSchema,
      'GET /api/v1/me 200': meResponseSchema,
      'GET /api/v1/sync 200': syncPageSchema,
      'GET /api/v1/stages 200': stageListSchema,
      'GET /api/v1/dealerships 200': dealershipListSchema,
      'GET /api/v1/leads 200': leadPageSchema,
      'POST /api/v1/leads/{id}/claim 200': leadSchema,
      'POST /api/v1/leads/{id}/notes 201': messageSchema,
      'POST /api/v1/auth/logout 204': null,
    };
    let token: string | null = null;
    for (const recorded of PREVIOUS_APP_REQUESTS) {
      const path = recorded.path.replace('{leadId}', encodeURIComponent(lead.id));
      const url = `${env.url}${path}${recorded.query ? `?${new URLSearchParams(recorded.query).toString()}` : ''}`;
      const body = recorded.body && JSON.parse(JSON.stringify(recorded.body).replace('{login}', 'maria').replace('{password}', TEST_PASSWORD).replace('{clientId}', randomUUID()));
      const response = await fetch(url, {
        method: recorded.method,
        headers: {
          accept: 'application/json, text/plain, */*',
          'user-agent': 'axios/1.13.2',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const expected = Number(recorded.reads.split(' ').at(-1));
      expect(response.status, `${recorded.method} ${recorded.path}`).toBe(expected);
      const reader = readers[recorded.reads];
      if (reader === undefined) throw new Error(`no reader for ${recorded.reads}`);
      if (reader === null) continue;
      const parsed = reader.safeParse(await response.json());
      expect(parsed.success, `${recorded.method} ${recorded.path}: ${parsed.error?.message ?? ''}`).toBe(true);
      if (recorded.path === '/auth/login') token = (parsed.data as { token: string }).token;
    }
    // Its event stream too: opened with the same headers, it gets the stream, not a refusal.
    const events = new AbortController();
    const stream = await fetch(`${env.url}/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${(await login())}` }, signal: events.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    events.abort();
  });
});

async function login(): Promise<string> {
  const response = await fetch(`${env.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'maria', password: TEST_PASSWORD }) });
  return ((await response.json()) as { token: string }).token;
}
