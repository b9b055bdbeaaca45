import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';

interface Outcome {
  leadId: string;
  ref: string;
  outcome: 'created' | 'merged';
}
interface ErrorBody {
  error: { code: string; message: string };
}
interface Message {
  kind: string;
  body: string;
  authorId: string | null;
}

interface Customer {
  name: string;
  phone?: string | null;
  email?: string | null;
}

let serial = 0;
function newCustomer(name = 'Walk-in Customer'): Customer & { phone: string; email: string } {
  serial++;
  return { name, phone: `0918 ${String(3_000_000 + serial)}`, email: `walkin${serial}@mail.example` };
}

describe.each(FEATURE_BACKENDS)('manual create (POST /leads) on %s', (backend) => {
  let env: TestHub;
  let agentA: Awaited<ReturnType<typeof createUser>>;
  let agentB: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let toyotaDealer: string;

  const create = (token: string, body: Record<string, unknown>) => api(env.url, token).post<Outcome & ErrorBody>('/leads', body);
  const lead = (customer: Customer = newCustomer(), extra: Record<string, unknown> = {}) => ({ customer, brand: 'Toyota', vehicleModel: 'Vios', ...extra });

  beforeAll(async () => {
    env = await startTestHub(backend);
    agentA = await createUser(env.db, 'agent-a', 'agent', 'Agent Alice');
    agentB = await createUser(env.db, 'agent-b', 'agent', 'Agent Bob');
    manager = await createUser(env.db, 'manager', 'manager', 'Maria Manager');
    toyotaDealer = (await api(env.url, manager.token).post<{ id: string }>('/dealerships', { code: 'TOY', name: 'Toyota North', brands: ['Toyota'] })).body.id;
  });
  afterAll(() => env.close());

  it('needs a signed-in user', async () => {
    expect((await api(env.url).post('/leads', lead())).status).toBe(401);
  });

  it('creates an unclaimed lead in the first open stage, source manual, naming who entered it: 201', async () => {
    const created = await create(agentA.token, lead());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ outcome: 'created', ref: expect.stringMatching(/^LEAD\/2026\/\d{5,}$/) });
    const row = await api(env.url, agentA.token).get<{ userId: string | null; stageId: string; source: string; dealershipId: string | null }>(`/leads/${created.body.leadId}`);
    expect(row.body).toMatchObject({ userId: null, stageId: (await stageIds(env.db))['new'], source: 'manual', dealershipId: toyotaDealer });
    const messages = await api(env.url, agentA.token).get<Message[]>(`/leads/${created.body.leadId}/messages`);
    expect(messages.body.map((message) => [message.kind, message.body, message.authorId])).toEqual([
      ['system', 'Lead created from manual.', null],
      ['system', 'Entered by Agent Alice.', agentA.id],
    ]);
  });

  it("merges into another agent's open lead without letting the caller open it: 200 merged naming who entered it", async () => {
    const customer = newCustomer('Carla Santos');
    const first = await create(agentA.token, lead(customer));
    await api(env.url, agentA.token).post(`/leads/${first.body.leadId}/claim`);
    const merged = await create(agentB.token, lead({ name: 'Carla S.', phone: customer.phone.replace('0918 ', '+63918'), email: null }, { source: 'Walk-in', vehicleModel: 'Hilux' }));
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ leadId: first.body.leadId, ref: first.body.ref, outcome: 'merged' });
    expect((await api(env.url, agentB.token).get(`/leads/${first.body.leadId}`)).status).toBe(404);
    const messages = await api(env.url, agentA.token).get<Message[]>(`/leads/${first.body.leadId}/messages`);
    const duplicate = messages.body.at(-1);
    expect(duplicate).toMatchObject({ kind: 'duplicate', authorId: agentB.id });
    for (const text of ['entered by Agent Bob', 'Walk-in', 'Carla S.', 'Hilux']) expect(duplicate?.body).toContain(text);
  });

  it('merges into a lead that came from the feed, and never into a closed one', async () => {
    const existing = await createLead(env.db, { customer: { name: 'Feed Customer', phone: '+63 919 111 2233', email: null } });
    const merged = await create(manager.token, lead({ name: 'Feed Customer', phone: '09191112233', email: null }));
    expect(merged.body).toMatchObject({ leadId: existing.id, outcome: 'merged' });
    await api(env.url, manager.token).post(`/leads/${existing.id}/claim`);
    await api(env.url, manager.token).post(`/leads/${existing.id}/lost`, { reason: 'price', notes: 'too expensive' });
    const fresh = await create(manager.token, lead({ name: 'Feed Customer', phone: '09191112233', email: null }));
    expect(fresh.status).toBe(201);
    expect(fresh.body.leadId).not.toBe(existing.id);
  });

  it('refuses an unknown dealershipCode with 422 unknown_reference, and a customer without phone or e-mail with 400', async () => {
    const unknown = await create(agentA.token, lead(newCustomer(), { dealershipCode: 'NOWHERE' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_reference', field: 'dealershipCode' });
    const noContact = await create(agentA.token, lead({ name: 'Nobody', phone: null, email: null }));
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.code).toBe('invalid_input');
  });

  it('simultaneous manual creates of one customer make one lead', async () => {
    const customer = newCustomer('Twice Entered');
    const answers = await Promise.all([agentA, agentB, manager, agentA].map((user) => create(user.token, lead(customer))));
    expect(answers.map((answer) => `${answer.status} ${answer.body.outcome}`).sort()).toEqual(['200 merged', '200 merged', '200 merged', '201 created']);
    expect(new Set(answers.map((answer) => answer.body.leadId)).size).toBe(1);
  });
});
