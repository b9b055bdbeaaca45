import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { adminMoveStage } from './move-stage.admin';

describe.each(FEATURE_BACKENDS)('admin move-stage on %s', (backend) => {
  let env: TestHub;
  let agent: { id: string; token: string };
  let stages: Record<string, string>;

  beforeAll(async () => {
    env = await startTestHub(backend);
    agent = await createUser(env.db, 'agent', 'agent');
    stages = await stageIds(env.db);
  });
  afterAll(() => env.close());

  const messages = async (id: string) => (await api(env.url, agent.token).get<Array<{ body: string; tracking?: unknown }>>(`/leads/${id}/messages`)).body;

  it('bypasses the forward-only rule and says so in the chatter', async () => {
    const lead = await createLead(env.db);
    await api(env.url, agent.token).post(`/leads/${lead.id}/claim`);
    expect(await adminMoveStage(env.db, lead.ref, 'negotiation', env.clock.now())).toBe(`${lead.ref}: New → Negotiation`);
    const last = (await messages(lead.id)).at(-1);
    expect(last?.tracking).toEqual([{ field: 'Stage', from: 'New', to: 'Negotiation' }]);
    expect(last?.body).toContain('administrator command (skip_stage_transition_check)');
  });

  it('out of Lost clears the lost reason, keeping it in the chatter', async () => {
    const lead = await createLead(env.db);
    const a = api(env.url, agent.token);
    await a.post(`/leads/${lead.id}/claim`);
    await a.post(`/leads/${lead.id}/lost`, { reason: 'price', notes: 'Too expensive' });
    await adminMoveStage(env.db, lead.ref, 'Qualified', env.clock.now());
    const reopened = await a.get<{ stageId: string; lostReason: string | null; lostNotes: string | null }>(`/leads/${lead.id}`);
    expect(reopened.body).toMatchObject({ stageId: stages['qualified'], lostReason: null, lostNotes: null });
    expect((await messages(lead.id)).at(-1)?.body).toContain('The lost reason (price: Too expensive) was cleared.');
    expect((await a.post(`/leads/${lead.id}/stage`, { stageId: stages['negotiation'] })).status).toBe(200);
  });

  it('out of Won keeps dealerSoName and warns the order still exists', async () => {
    const lead = await createLead(env.db);
    await env.db.query('update leads set user_id = $2, stage_id = $3, closed = true, dealer_so_name = $4 where id = $1', [lead.id, agent.id, stages['won'], 'S00042']);
    await adminMoveStage(env.db, lead.ref, 'Negotiation', env.clock.now());
    const lead2 = await api(env.url, agent.token).get<{ dealerSoName: string; stageId: string }>(`/leads/${lead.id}`);
    expect(lead2.body).toMatchObject({ dealerSoName: 'S00042', stageId: stages['negotiation'] });
    expect((await messages(lead.id)).at(-1)?.body).toContain('Sales Order S00042 still exists');
  });

  it('names what is wrong', async () => {
    await expect(adminMoveStage(env.db, 'LEAD/2026/999999', 'New', env.clock.now())).rejects.toThrow('No lead LEAD/2026/999999.');
    await expect(adminMoveStage(env.db, 'nonsense', 'New', env.clock.now())).rejects.toThrow('is not a lead reference');
    const lead = await createLead(env.db);
    await expect(adminMoveStage(env.db, lead.ref, 'Limbo', env.clock.now())).rejects.toThrow('No stage named "Limbo"');
  });
});
