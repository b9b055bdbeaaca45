import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestHub, type TestHub } from '../../testing/hub-test-env';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown; security?: unknown }>> };

describe('OpenAPI document', () => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub('pglite');
  });
  afterAll(() => env.close());

  it('documents every route from the same schemas the hub parses with', async () => {
    const { status, body } = await api(env.url).get<Doc>('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.0.3');
    const documented = Object.entries(body.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    for (const route of ['POST /api/v1/leads/{id}/claim', 'GET /api/v1/sync', 'POST /api/v1/intake/leads', 'POST /api/v1/dealer-relay/{dealershipId}/jsonrpc', 'GET /api/v1/mail-outbox', 'PATCH /api/v1/leads/{id}', 'GET /api/v1/leads/export.csv', 'GET /api/v1/reports/funnel', 'GET /api/v1/reports/calls', 'GET /api/v1/unclaimed-alerts', 'POST /api/v1/unclaimed-alerts']) {
      expect(documented).toContain(route);
    }
    const claim = body.paths['/api/v1/leads/{id}/claim']?.['post'];
    expect(Object.keys(claim?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '404', '409', '422']));
    expect(claim?.security).toEqual([{ bearer: [] }]);
    const lost = body.paths['/api/v1/leads/{id}/lost']?.['post'];
    expect(JSON.stringify(lost?.requestBody)).toContain('model_unavailable');
    const csv = body.paths['/api/v1/leads/export.csv']?.['get'];
    expect(Object.keys(csv?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(JSON.stringify(csv?.responses['200'])).toContain('text/csv');
    expect(JSON.stringify(body.paths['/api/v1/reports/calls']?.['get'])).toContain('utcOffsetMinutes');
    // The relay's allow-list, as hub-api.md's relay row states it.
    const relay = JSON.stringify(body.paths['/api/v1/dealer-relay/{dealershipId}/jsonrpc']?.['post']);
    for (const rule of ['res.partner: search_read, create, fields_get, has_access, check_access_rights', 'common.authenticate (sent with null database, login and key', 'a customer by exact e-mail or phone digits', 'res.users: read, has_group', 'res.company: read', "the integration user's own record only"]) {
      expect(relay).toContain(rule);
    }
  });
});
