import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { FEATURE_BACKENDS, api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { claimedLead, createDealership, prepare, type ErrorBody } from './won.fixture';

const LEASE_MS = 60_000;
const KEY = 'prepare-secret-key-0123456789';

describe.each(FEATURE_BACKENDS)('won/prepare on %s', (backend) => {
  let env: TestHub;
  let agent: Awaited<ReturnType<typeof createUser>>;
  let otherAgent: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let dealershipId: string;
  let stages: Record<string, string>;

  beforeAll(async () => {
    env = await startTestHub(backend, { wonLeaseMs: LEASE_MS, mailPollMs: 0, smtpUrl: null });
    agent = await createUser(env.db, 'agent', 'agent', 'Maria Santos');
    otherAgent = await createUser(env.db, 'other', 'agent');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    manager = await createUser(env.db, 'manager', 'manager');
    dealershipId = (await createDealership(env, manager.token, { name: 'Metro Toyota', url: 'http://127.0.0.1:9', apiKey: KEY })).id;
    stages = await stageIds(env.db);
  });
  afterAll(() => env.close());

  it('takes a per-lead lease and answers the push id, the order reference, the dealership without credentials and the lead', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const prepared = await prepare(env, agent.token, lead.id);
    expect(prepared.orderRef).toBe(lead.ref);
    expect(prepared.lead).toMatchObject({ id: lead.id, ref: lead.ref, userId: agent.id });
    expect(prepared.dealership).toMatchObject({ id: dealershipId, name: 'Metro Toyota', models: [{ vehicleModel: 'Vios', productCode: 'VIOS-1.3XE' }] });
    expect(JSON.stringify(prepared)).not.toContain(KEY);
    expect(JSON.stringify(prepared)).not.toMatch(/apiKey|api_key/);
    const [lease] = await env.db.query<{ kind: string; lead_id: string; user_id: string; expires_at: Date }>('select * from relay_leases where id = $1', [prepared.pushId]);
    expect(lease).toMatchObject({ kind: 'won', lead_id: lead.id, user_id: agent.id });
    expect(new Date(lease?.expires_at ?? 0).getTime()).toBe(env.clock.now().getTime() + LEASE_MS);
  });

  it('is open to supervisors and managers, 404 for another agent, refused on unclaimed and closed leads', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    expect((await api(env.url, otherAgent.token).post(`/leads/${lead.id}/won/prepare`)).status).toBe(404);
    expect((await api(env.url, supervisor.token).post(`/leads/${lead.id}/won/prepare`)).status).toBe(200);
    const managers = await claimedLead(env, agent.token, dealershipId);
    expect((await api(env.url, manager.token).post(`/leads/${managers.id}/won/prepare`)).status).toBe(200);

    const pool = await createLead(env.db, { dealershipId });
    const unclaimed = await api(env.url, agent.token).post<ErrorBody>(`/leads/${pool.id}/won/prepare`);
    expect([unclaimed.status, unclaimed.body.error.code]).toEqual([422, 'lead_not_claimed']);
    const lost = await claimedLead(env, agent.token, dealershipId);
    expect((await api(env.url, agent.token).post(`/leads/${lost.id}/lost`, { reason: 'price', notes: '' })).status).toBe(200);
    const closed = await api(env.url, agent.token).post<ErrorBody>(`/leads/${lost.id}/won/prepare`);
    expect([closed.status, closed.body.error.code]).toEqual([422, 'lead_closed']);
  });

  it('refuses with "No won stage configured" when no stage is won', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    await env.db.query('update stages set is_won = false where id = $1', [stages['won']]);
    try {
      const refused = await api(env.url, agent.token).post<ErrorBody>(`/leads/${lead.id}/won/prepare`);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('no_won_stage_configured');
      // an agent has no Configuration: told whom to ask, the documents' phrase first
      expect(refused.body.error.message).toBe('No won stage configured — ask a manager to mark a stage as Won (Configuration → Stages).');
    } finally {
      await env.db.query('update stages set is_won = true where id = $1', [stages['won']]);
    }
    expect(await env.db.query('select 1 from relay_leases where lead_id = $1', [lead.id])).toHaveLength(0);
  });

  it('refuses with dealership_not_configured naming the dealership and what is missing', async () => {
    const noDealer = await claimedLead(env, agent.token, null);
    const none = await api(env.url, agent.token).post<ErrorBody>(`/leads/${noDealer.id}/won/prepare`);
    expect([none.status, none.body.error.code]).toEqual([422, 'dealership_not_configured']);
    expect(none.body.error.message).toContain(noDealer.ref);
    expect(none.body.error.message).toContain('no dealership');
    expect(none.body.error.message).toContain('Mark as Won cannot push the Sales Order');

    const cases = [
      { dealer: { name: 'Unconnected Motors', url: null }, missing: 'no Odoo connection' },
      { dealer: { name: 'Keyless Motors', url: 'http://127.0.0.1:9' }, missing: 'no API key' },
    ];
    for (const { dealer, missing } of cases) {
      const created = await createDealership(env, manager.token, dealer);
      const lead = await claimedLead(env, agent.token, created.id);
      const refused = await api(env.url, agent.token).post<ErrorBody>(`/leads/${lead.id}/won/prepare`);
      expect([refused.status, refused.body.error.code]).toEqual([422, 'dealership_not_configured']);
      expect(refused.body.error.message).toContain(`"${dealer.name}"`);
      expect(refused.body.error.message).toContain(missing);
      expect(refused.body.error.message).toContain('Mark as Won cannot push the Sales Order');
    }
  });

  it('while the lease is held, a second prepare, a stage move, Lost and reassign answer 409 won_in_progress', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    await prepare(env, agent.token, lead.id);
    const attempts = [
      () => api(env.url, agent.token).post<ErrorBody>(`/leads/${lead.id}/won/prepare`),
      () => api(env.url, supervisor.token).post<ErrorBody>(`/leads/${lead.id}/won/prepare`),
      () => api(env.url, agent.token).post<ErrorBody>(`/leads/${lead.id}/stage`, { stageId: stages['qualified'] }),
      () => api(env.url, agent.token).post<ErrorBody>(`/leads/${lead.id}/lost`, { reason: 'price', notes: 'too expensive' }),
      () => api(env.url, supervisor.token).post<ErrorBody>(`/leads/${lead.id}/assign`, { userId: otherAgent.id }),
    ];
    for (const attempt of attempts) {
      const refused = await attempt();
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('won_in_progress');
    }
    // The hub does not know the reader's time zone: the wait is said in minutes, not as a UTC clock time.
    const again = await attempts[0]!();
    expect(again.body.error.message).toBe('Mark as Won is already in progress on this lead. Wait for it to finish (it gives up within a minute), then try again if it failed.');
    const unchanged = await api(env.url, agent.token).get<Lead>(`/leads/${lead.id}`);
    expect(unchanged.body).toMatchObject({ stageId: stages['new'], userId: agent.id, lostReason: null });
  });

  it('a lease expires after wonLeaseMs: the lead moves again and a new prepare replaces the lapsed lease', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const first = await prepare(env, agent.token, lead.id);
    env.clock.advance(LEASE_MS - 1);
    expect((await api(env.url, agent.token).post(`/leads/${lead.id}/stage`, { stageId: stages['qualified'] })).status).toBe(409);
    env.clock.advance(1);
    expect((await api(env.url, agent.token).post(`/leads/${lead.id}/stage`, { stageId: stages['qualified'] })).status).toBe(200);
    const second = await prepare(env, agent.token, lead.id);
    expect(second.pushId).not.toBe(first.pushId);
    const leases = await env.db.query<{ id: string; ended_at: Date | null; outcome: string | null }>('select id, ended_at, outcome from relay_leases where lead_id = $1 order by created_at', [lead.id]);
    expect(leases).toEqual([
      { id: first.pushId, ended_at: expect.any(Date), outcome: 'expired' },
      { id: second.pushId, ended_at: null, outcome: null },
    ]);
  });

  it('of simultaneous prepares exactly one gets the lease', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const answers = await Promise.all(Array.from({ length: 8 }, () => api(env.url, agent.token).post<ErrorBody>(`/leads/${lead.id}/won/prepare`)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409 && answer.body.error.code === 'won_in_progress')).toHaveLength(7);
  });
});
