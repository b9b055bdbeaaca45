import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createLead, createUser, startTestHub, type TestHub } from '../testing/hub-test-env';

type ErrorBody = { error: { code: string; message: string } };

const cursor = (values: unknown): string => Buffer.from(JSON.stringify(values)).toString('base64url');
/** JSON text of `depth` nested arrays: written by hand, since JSON.stringify itself overflows on such values. */
const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** Input shapes a security review got 5xx answers with: each is a 400 naming the field. PostgreSQL refuses them, not PGlite alone. */
describe('bad input the database would refuse is a 400 naming the field', () => {
  let env: TestHub;
  let manager: string;
  let agent: string;
  let leadId: string;

  beforeAll(async () => {
    env = await startTestHub('postgres');
    manager = (await createUser(env.db, 'bad-input-manager', 'manager')).token;
    const agentUser = await createUser(env.db, 'bad-input-agent', 'agent');
    agent = agentUser.token;
    leadId = (await createLead(env.db)).id;
    await env.db.query('update leads set user_id = $1 where id = $2', [agentUser.id, leadId]);
  });
  afterAll(() => env.close());

  const refused = async (answer: Promise<{ status: number; body: unknown }>, field: string) => {
    const { status, body } = await answer;
    expect(status, JSON.stringify(body)).toBe(400);
    expect((body as ErrorBody).error.code).toBe('invalid_input');
    expect((body as ErrorBody).error.message).toContain(field);
  };

  it('the year 0000 (and any year outside 1900–9999) in a filter or a body', async () => {
    await refused(api(env.url, manager).get('/leads?scope=all&createdAfter=0000-01-01T00:00:00Z'), 'createdAfter');
    await refused(api(env.url, manager).get('/leads?scope=all&createdBefore=1899-12-31T23:59:59Z'), 'createdBefore');
    await refused(api(env.url, manager).get('/call-logs?from=0000-01-01T00:00:00Z'), 'from');
    await refused(api(env.url, manager).get('/reports/funnel?to=0000-06-01T00:00:00Z'), 'to');
    await refused(api(env.url, agent).post(`/leads/${leadId}/activities`, { type: 'call', summary: 'Call back', dueAt: '0000-01-01T09:00:00Z' }), 'dueAt');
  });

  it('forged keyset cursors with impossible dates or characters PostgreSQL cannot store', async () => {
    for (const time of ['2026-02-30 10:00:00+00', '0000-01-01 00:00:00+00', '2026-04-31 10:00:00+00']) {
      await refused(api(env.url, manager).get(`/leads?scope=all&sort=created_desc&cursor=${cursor([time, '1'])}`), 'cursor');
      await refused(api(env.url, manager).get(`/call-logs?cursor=${cursor([time, '1'])}`), 'cursor');
    }
    await refused(api(env.url, manager).get(`/leads?scope=all&sort=customer_asc&cursor=${cursor(['a\u0000b', '1'])}`), 'cursor');
  });

  it('a body nested thousands deep, on the relay and elsewhere', async () => {
    const relayBody = `{"jsonrpc":"2.0","method":"call","params":{"service":"object","method":"execute_kw","args":[null,null,null,"res.partner","search",${nested(5_000)}]},"id":1}`;
    await refused(api(env.url, manager).post('/dealer-relay/1/jsonrpc', relayBody), 'params: nested deeper than 64 levels');
    await refused(api(env.url, agent).post(`/leads/${leadId}/notes`, `{"body":${nested(100_000)}}`), 'body: nested deeper than 64 levels');
  });
});
