import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';

describe.each(FEATURE_BACKENDS)('GET /leads/:id/reassignment on %s', (backend) => {
  let env: TestHub;
  let agentA: Awaited<ReturnType<typeof createUser>>;
  let agentB: Awaited<ReturnType<typeof createUser>>;
  let agentC: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    env = await startTestHub(backend);
    agentA = await createUser(env.db, 'agent-a', 'agent', 'Agent A');
    agentB = await createUser(env.db, 'agent-b', 'agent', 'Agent B');
    agentC = await createUser(env.db, 'agent-c', 'agent', 'Agent C');
    supervisor = await createUser(env.db, 'super', 'supervisor', 'Sue Pervisor');
    manager = await createUser(env.db, 'boss', 'manager', 'Mona Nager');
  });
  afterAll(() => env.close());

  const reassignment = (token: string, leadId: string) => api(env.url, token).get<{ ref: string; toName: string; byName: string } | { error: { code: string } }>(`/leads/${leadId}/reassignment`);
  const assign = async (token: string, leadId: string, userId: string | null) => expect((await api(env.url, token).post(`/leads/${leadId}/assign`, { userId })).status).toBe(200);

  it('names the new holder and the supervisor to the agent who held the lead, and to nobody else', async () => {
    const lead = await createLead(env.db);
    expect((await api(env.url, agentA.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    await assign(supervisor.token, lead.id, agentB.id);

    const answer = await reassignment(agentA.token, lead.id);
    expect(answer).toEqual({ status: 200, body: { ref: lead.ref, toName: 'Agent B', byName: 'Sue Pervisor' } });
    for (const other of [agentB, agentC, supervisor, manager]) {
      const refused = await reassignment(other.token, lead.id);
      expect({ who: other.login, status: refused.status, body: refused.body }).toEqual({ who: other.login, status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } });
      expect(JSON.stringify(refused.body)).not.toMatch(/Agent B|Sue Pervisor|LEAD\//);
    }
  });

  it('follows the latest reassignment only: the holder before it, whoever did it', async () => {
    const lead = await createLead(env.db);
    await api(env.url, agentA.token).post(`/leads/${lead.id}/claim`);
    await assign(supervisor.token, lead.id, agentB.id);
    await assign(manager.token, lead.id, agentC.id);
    expect((await reassignment(agentA.token, lead.id)).status).toBe(404);
    expect((await reassignment(agentB.token, lead.id)).body).toEqual({ ref: lead.ref, toName: 'Agent C', byName: 'Mona Nager' });
  });

  it('says nothing of a return to the pool, a claim, or a lead the user never held', async () => {
    const lead = await createLead(env.db);
    expect((await reassignment(agentA.token, lead.id)).status).toBe(404);
    await api(env.url, agentA.token).post(`/leads/${lead.id}/claim`);
    expect((await reassignment(agentA.token, lead.id)).status).toBe(404);
    await assign(supervisor.token, lead.id, null);
    expect((await reassignment(agentA.token, lead.id)).status).toBe(404);
    // claimed from the pool by another agent: a claim, not a reassignment away from agent A
    await api(env.url, agentB.token).post(`/leads/${lead.id}/claim`);
    expect((await reassignment(agentA.token, lead.id)).status).toBe(404);
  });

  it('answers 404 for leads that do not exist and needs a signed-in user', async () => {
    expect((await reassignment(agentA.token, '999999999')).status).toBe(404);
    expect((await reassignment(agentA.token, 'not-a-number')).status).toBe(404);
    expect((await api(env.url).get('/leads/1/reassignment')).status).toBe(401);
  });

  it('reads the change log through its per-lead index of holder changes', async () => {
    const [index] = await env.db.query<{ indexdef: string }>(`select indexdef from pg_indexes where indexname = 'changes_lead_holder'`);
    expect(index?.indexdef).toContain('(lead_id, seq)');
  });
});
