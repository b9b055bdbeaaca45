import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { openEventStream } from '../events/events.testkit';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.fixture';
import { deadUrl } from '../relay/odoo-stub.fixture';
import { claimedLead, createDealership, markWon, prepare } from '../won/won.fixture';

const TOKEN = 'metrics-token-for-the-test-0042';
type User = Awaited<ReturnType<typeof createUser>>;

/** Asks `check` until it holds or `timeoutMs` passes; answers whether it held. */
async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

/** The value of one sample of the Prometheus text, by name and (a subset of) its labels; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => have[key] === value)) return Number(match[4]);
  }
  return 0;
}

describe.each(BACKENDS)('GET /metrics on %s', (backend) => {
  let env: TestHub;
  let smtp: TestSmtpServer;
  let agent: User;
  let other: User;
  let manager: User;
  const scrape = async (): Promise<string> => {
    const answer = await fetch(`${env.hub.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(200);
    return answer.text();
  };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    env = await startTestHub(backend, { metricsToken: TOKEN, slowQueryMs: 0, smtpUrl: smtp.url, mailPollMs: 50, dealerTimeoutMs: 500 });
    agent = await createUser(env.db, 'm-agent', 'agent');
    other = await createUser(env.db, 'm-other', 'agent');
    manager = await createUser(env.db, 'm-manager', 'manager');
  });
  afterAll(async () => {
    await env.close();
    await smtp.close();
  });

  it('needs the bearer token, compared whole, and answers Prometheus text', async () => {
    expect((await fetch(`${env.hub.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${env.hub.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}` } })).status).toBe(401);
    expect((await fetch(`${env.hub.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    const answer = await fetch(`${env.hub.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await answer.text()).toContain('# TYPE hub_http_request_duration_seconds histogram');
  });

  it('counts requests by route and status with their latency', async () => {
    const labels = { method: 'GET', route: '/api/v1/me', status: '200' };
    const before = sample(await scrape(), 'hub_http_request_duration_seconds_count', labels);
    expect((await api(env.url, agent.token).get('/me')).status).toBe(200);
    expect((await api(env.url).get('/me')).status).toBe(401);
    const after = await scrape();
    expect(sample(after, 'hub_http_request_duration_seconds_count', labels)).toBe(before + 1);
    expect(sample(after, 'hub_http_request_duration_seconds_count', { route: '/api/v1/me', status: '401' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'hub_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(before + 1);
  });

  it('counts claims by outcome', async () => {
    const before = await scrape();
    const lead = await createLead(env.db);
    expect((await api(env.url, agent.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    expect((await api(env.url, other.token).post(`/leads/${lead.id}/claim`)).status).toBe(409);
    expect((await api(env.url, agent.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    const after = await scrape();
    for (const outcome of ['won', 'already_claimed', 'already_mine']) {
      expect(sample(after, 'hub_claims_total', { outcome }), outcome).toBe(sample(before, 'hub_claims_total', { outcome }) + 1);
    }
  });

  it('counts sync pages by phase', async () => {
    const before = await scrape();
    const boot = await api(env.url, agent.token).get<{ cursor: string }>('/sync');
    expect((await api(env.url, agent.token).get(`/sync?cursor=${encodeURIComponent(boot.body.cursor)}`)).status).toBe(200);
    const after = await scrape();
    expect(sample(after, 'hub_sync_pages_total', { phase: 'boot' })).toBe(sample(before, 'hub_sync_pages_total', { phase: 'boot' }) + 1);
    expect(sample(after, 'hub_sync_pages_total', { phase: 'change' })).toBe(sample(before, 'hub_sync_pages_total', { phase: 'change' }) + 1);
  });

  it('gauges open event streams', async () => {
    const before = sample(await scrape(), 'hub_event_streams_open');
    const stream = await openEventStream(env.url, agent.token);
    expect(sample(await scrape(), 'hub_event_streams_open')).toBe(before + 1);
    stream.close();
    expect(await until(async () => sample(await scrape(), 'hub_event_streams_open') === before)).toBe(true);
  });

  it('counts relay calls by dealership and outcome, and Won pushes by outcome', async () => {
    const down = await createDealership(env, manager.token, { url: await deadUrl(), apiKey: 'k-123456' });
    const lease = await api(env.url, manager.token).post<{ leaseId: string }>(`/dealerships/${down.id}/test-lease`);
    const rpc = { jsonrpc: '2.0', method: 'call', params: { service: 'common', method: 'version', args: [] }, id: 1 };
    expect((await api(env.url, manager.token).post(`/dealer-relay/${down.id}/jsonrpc`, rpc, { 'X-Relay-Lease': lease.body.leaseId })).status).toBe(502);
    expect(sample(await scrape(), 'hub_relay_calls_total', { dealership: down.id, outcome: 'unreachable' })).toBe(1);

    const before = await scrape();
    const dealership = await createDealership(env, manager.token, { url: await deadUrl(), apiKey: 'k-123456', managerEmail: 'boss@dealer.example' });
    const sold = await claimedLead(env, agent.token, dealership.id);
    await markWon(env, agent.token, sold.id, 'S00077');
    const failing = await claimedLead(env, agent.token, dealership.id);
    const { pushId } = await prepare(env, agent.token, failing.id);
    const fail = { pushId, error: { code: 'dealer_validation', message: 'Odoo refused the order' } };
    expect((await api(env.url, agent.token).post(`/leads/${failing.id}/won/fail`, fail)).status).toBe(200);
    expect((await api(env.url, agent.token).post(`/leads/${failing.id}/won/fail`, fail)).status).toBe(200); // a repeat counts once
    const after = await scrape();
    const moved = (outcome: string) => sample(after, 'hub_won_pushes_total', { outcome }) - sample(before, 'hub_won_pushes_total', { outcome });
    expect({ started: moved('started'), confirmed: moved('confirmed'), failed: moved('failed') }).toEqual({ started: 2, confirmed: 1, failed: 1 });
  });

  it('counts mail attempts by outcome and gauges the outbox', async () => {
    const dealership = await createDealership(env, manager.token, { url: await deadUrl(), apiKey: 'k-123456', managerEmail: 'sales@dealer.example' });
    let text = await scrape();
    const sentBefore = sample(text, 'hub_mail_attempts_total', { outcome: 'sent' });
    await markWon(env, agent.token, (await claimedLead(env, agent.token, dealership.id)).id, 'S00101');
    expect(await until(async () => sample((text = await scrape()), 'hub_mail_attempts_total', { outcome: 'sent' }) > sentBefore)).toBe(true);

    smtp.fault = 'reject_data';
    try {
      const refusedBefore = sample(text, 'hub_mail_attempts_total', { outcome: 'retrying' }) + sample(text, 'hub_mail_attempts_total', { outcome: 'failed' });
      await markWon(env, agent.token, (await claimedLead(env, agent.token, dealership.id)).id, 'S00102');
      const refused = () => sample(text, 'hub_mail_attempts_total', { outcome: 'retrying' }) + sample(text, 'hub_mail_attempts_total', { outcome: 'failed' });
      expect(await until(async () => ((text = await scrape()), refused() > refusedBefore))).toBe(true);
      // the manual clock stands still: the retry is never due, so the mail waits in the outbox
      expect(sample(text, 'hub_mail_outbox_mails', { status: 'retrying' })).toBeGreaterThanOrEqual(1);
    } finally {
      smtp.fault = 'none';
    }
  });

  it('times database statements and counts the slow ones (every one, at a 0 ms threshold)', async () => {
    const text = await scrape();
    expect(sample(text, 'hub_db_query_duration_seconds_count', { operation: 'select' })).toBeGreaterThan(0);
    expect(sample(text, 'hub_db_slow_queries_total', { operation: 'select' })).toBeGreaterThan(0);
    if (backend === 'postgres') expect(sample(text, 'hub_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(text).toContain('process_cpu_seconds_total');
  });
});

describe('metrics off', () => {
  it('has no /metrics without HUB_METRICS_TOKEN', async () => {
    const env = await startTestHub('pglite', { metricsToken: null });
    try {
      const answer = await fetch(`${env.hub.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(answer.status).toBe(404);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not_found');
    } finally {
      await env.close();
    }
  });
});
