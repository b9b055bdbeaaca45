import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeKey } from '../admin/intake-key.admin';
import { BACKENDS, TEST_PASSWORD, api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { createDealership } from '../won/won.fixture';
import { deadUrl } from '../relay/odoo-stub.fixture';
import { createHubLogger } from './hub-logger';

const API_KEY = 'dealer-api-key-NEVER-LOGGED-7781';
const PHONE = '+63 917 555 0199';
const PHONE_DIGITS = '9175550199';
const EMAIL = 'maria.santos.logtest@mail.example';
const WRONG_PASSWORD = 'wrong-password-NEVER-LOGGED-3317';

interface Line {
  level: string;
  msg: string;
  reqId?: string;
  route?: string;
  status?: number;
  durationMs?: number;
  userId?: string | null;
  err?: { message: string };
}

describe.each(BACKENDS)('the log on %s', (backend) => {
  let env: TestHub;
  const lines: string[] = [];

  beforeAll(async () => {
    const logger = createHubLogger({ level: 'trace', stream: { write: (line: string) => void lines.push(line) } });
    env = await startTestHub(backend, { dealerTimeoutMs: 500, mailPollMs: 0 }, { logger });
  });
  afterAll(() => env.close());

  it('has a JSON line per request with id, route, status, duration and user, and none of the secrets sent', async () => {
    const manager = await createUser(env.db, 'log-manager', 'manager');
    const intakeKey = await createIntakeKey(env.db, 'log test feed');
    const asManager = api(env.url, manager.token);

    // a password, right and wrong; a bearer token on every call below
    expect((await api(env.url).post('/auth/login', { login: 'log-manager', password: TEST_PASSWORD })).status).toBe(200);
    expect((await api(env.url).post('/auth/login', { login: 'log-manager', password: WRONG_PASSWORD })).status).toBe(401);
    // a customer's phone and e-mail: in a body, behind an intake key, and in a search query
    const intake = await api(env.url).post<{ leadId: string }>(
      '/intake/leads',
      { externalId: 'log-1', source: 'Feed', customer: { name: 'Maria Santos', phone: PHONE, email: EMAIL }, brand: 'Toyota', vehicleModel: 'Vios' },
      { 'x-intake-key': intakeKey },
    );
    expect(intake.status).toBe(201);
    expect((await asManager.get(`/leads?scope=all&q=${encodeURIComponent(PHONE)}`)).status).toBe(200);
    expect((await asManager.get(`/leads?scope=all&q=${encodeURIComponent(EMAIL)}`)).status).toBe(200);
    // a dealer API key, stored, then used by the relay against a dealer that is down
    const dealership = await createDealership(env, manager.token, { url: await deadUrl(), apiKey: API_KEY });
    const lease = await asManager.post<{ leaseId: string }>(`/dealerships/${dealership.id}/test-lease`);
    const rpc = { jsonrpc: '2.0', method: 'call', params: { service: 'common', method: 'version', args: [] }, id: 1 };
    expect((await asManager.post(`/dealer-relay/${dealership.id}/jsonrpc`, rpc, { 'X-Relay-Lease': lease.body.leaseId })).status).toBe(502);
    // a failure inside the hub whose database error names the customer's phone and e-mail
    await env.db.query(`create or replace function refuse_note() returns trigger language plpgsql as $$
      begin
        raise exception 'note refused for %', (select customer_phone from leads where id = new.lead_id)
          using detail = (select customer_email from leads where id = new.lead_id);
      end $$`);
    await env.db.query('create trigger refuse_note before insert on messages for each row when (new.kind = \'note\') execute function refuse_note()');
    try {
      const failed = await asManager.post<{ error: { code: string; requestId: string } }>(`/leads/${intake.body.leadId}/notes`, { body: `Called ${PHONE}, wrote to ${EMAIL}` });
      expect(failed.status).toBe(500);
    } finally {
      await env.db.query('drop trigger refuse_note on messages');
    }

    const text = lines.join('');
    for (const secret of [manager.token, TEST_PASSWORD, WRONG_PASSWORD, intakeKey, API_KEY, PHONE, PHONE_DIGITS, '917 555 0199', EMAIL]) {
      expect(text, `the log holds ${secret}`).not.toContain(secret);
    }

    const parsed = lines.map((line) => JSON.parse(line) as Line);
    const completed = parsed.filter((line) => line.msg === 'request completed');
    expect(completed.length).toBeGreaterThanOrEqual(9);
    expect(completed.find((line) => line.route === '/api/v1/leads' && line.userId === manager.id)).toMatchObject({
      reqId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(completed.find((line) => line.route === '/api/v1/auth/login' && line.status === 401)?.userId).toBeNull();
    const internal = parsed.find((line) => line.err?.message.startsWith('note refused for'));
    expect(internal?.err?.message).toBe('note refused for [phone]');
    expect(completed.find((line) => line.reqId === internal?.reqId)?.status).toBe(500);
  });
});
