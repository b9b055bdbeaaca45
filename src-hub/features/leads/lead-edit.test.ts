import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';

interface LeadBody {
  id: string;
  version: number;
  vehicleModel: string;
  dealershipId: string | null;
  customer: { name: string; phone: string | null; email: string | null };
}
interface ErrorBody {
  error: { code: string; message: string };
}
interface Message {
  kind: string;
  body: string;
  authorId: string | null;
  tracking?: Array<{ field: string; from: string | null; to: string | null }>;
}

describe.each(FEATURE_BACKENDS)('PATCH /leads/:id on %s', (backend) => {
  let env: TestHub;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let otherAgent: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;
  const dealers: Record<string, string> = {};

  const patch = (token: string, leadId: string, body: unknown) => api(env.url, token).patch<LeadBody & ErrorBody>(`/leads/${leadId}`, body);
  const messages = async (leadId: string) => (await api(env.url, manager.token).get<Message[]>(`/leads/${leadId}/messages`)).body;
  /** A lead claimed by `owner`. */
  async function claimedLead(overrides: Parameters<typeof createLead>[1] = {}) {
    const lead = await createLead(env.db, overrides);
    expect((await api(env.url, owner.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    return lead;
  }

  beforeAll(async () => {
    env = await startTestHub(backend);
    owner = await createUser(env.db, 'owner', 'agent', 'Olivia Owner');
    otherAgent = await createUser(env.db, 'other', 'agent', 'Oscar Other');
    supervisor = await createUser(env.db, 'super', 'supervisor', 'Sue Pervisor');
    manager = await createUser(env.db, 'manager', 'manager', 'Maria Manager');
    for (const code of ['NORTH', 'SOUTH']) {
      dealers[code] = (await api(env.url, manager.token).post<{ id: string }>('/dealerships', { code, name: `Toyota ${code}`, brands: [] })).body.id;
    }
  });
  afterAll(() => env.close());

  it('edits customer, vehicle model and dealership: version + 1, one tracking entry listing each change old → new', async () => {
    const lead = await claimedLead({ customer: { name: 'Juan Cruz', phone: '+63 917 000 1111', email: 'juan@mail.example' }, dealershipId: dealers['NORTH'] ?? null });
    const [before] = await env.db.query<{ seq: string }>('select coalesce(max(seq), 0) as seq from changes');
    const edited = await patch(owner.token, lead.id, {
      customer: { name: 'Juan Dela Cruz', phone: '0918 222 3333', email: null },
      vehicleModel: 'Fortuner',
      dealershipId: dealers['SOUTH'],
      version: 2,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 3,
      vehicleModel: 'Fortuner',
      dealershipId: dealers['SOUTH'],
      customer: { name: 'Juan Dela Cruz', phone: '0918 222 3333', email: null },
    });
    const tracking = (await messages(lead.id)).at(-1);
    expect(tracking).toMatchObject({ kind: 'tracking', authorId: owner.id });
    expect(tracking?.tracking).toEqual([
      { field: 'Customer Name', from: 'Juan Cruz', to: 'Juan Dela Cruz' },
      { field: 'Phone', from: '+63 917 000 1111', to: '0918 222 3333' },
      { field: 'Email', from: 'juan@mail.example', to: null },
      { field: 'Vehicle Model', from: 'Vios', to: 'Fortuner' },
      { field: 'Dealership', from: 'Toyota NORTH', to: 'Toyota SOUTH' },
    ]);
    expect(tracking?.body).toContain('Phone: +63 917 000 1111 → 0918 222 3333');
    const changes = await env.db.query<{ entity: string }>('select entity from changes where seq > $1 order by seq', [before?.seq]);
    expect(changes.map((change) => change.entity)).toEqual(['lead', 'message']);
    const [keys] = await env.db.query<{ phone_key: string | null; email_key: string | null }>('select phone_key, email_key from leads where id = $1', [lead.id]);
    expect(keys).toEqual({ phone_key: '639182223333', email_key: null });
  });

  it('recomputes the de-duplication keys: a new contact with the new phone merges, one with the old e-mail does not', async () => {
    const lead = await claimedLead({ customer: { name: 'Keys', phone: null, email: 'old.keys@mail.example' } });
    expect((await patch(owner.token, lead.id, { customer: { phone: '+63 917 444 5555', email: 'new.keys@mail.example' } })).status).toBe(200);
    const viaPhone = await api(env.url, owner.token).post<{ leadId: string; outcome: string }>('/leads', { customer: { name: 'K', phone: '09174445555' }, brand: 'Toyota', vehicleModel: 'Vios' });
    expect(viaPhone.body).toMatchObject({ leadId: lead.id, outcome: 'merged' });
    const viaOldEmail = await api(env.url, owner.token).post<{ leadId: string; outcome: string }>('/leads', { customer: { name: 'K', email: 'old.keys@mail.example' }, brand: 'Toyota', vehicleModel: 'Vios' });
    expect(viaOldEmail.body.outcome).toBe('created');
  });

  it('lets supervisors and managers edit any lead; another agent gets 404', async () => {
    const lead = await claimedLead();
    expect((await patch(otherAgent.token, lead.id, { vehicleModel: 'Hilux' })).status).toBe(404);
    expect((await patch(supervisor.token, lead.id, { vehicleModel: 'Hilux' })).body.vehicleModel).toBe('Hilux');
    expect((await patch(manager.token, lead.id, { vehicleModel: 'Innova' })).body.vehicleModel).toBe('Innova');
    const authors = (await messages(lead.id)).filter((message) => message.kind === 'tracking').map((message) => message.authorId);
    expect(authors.slice(-2)).toEqual([supervisor.id, manager.id]);
    expect((await patch(owner.token, '999999', { vehicleModel: 'Hilux' })).status).toBe(404);
  });

  it('refuses unclaimed leads (422 lead_not_claimed) and closed ones (422 lead_closed)', async () => {
    const unclaimed = await createLead(env.db);
    const refused = await patch(manager.token, unclaimed.id, { vehicleModel: 'Hilux' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('lead_not_claimed');
    const lost = await claimedLead();
    await api(env.url, owner.token).post(`/leads/${lost.id}/lost`, { reason: 'price', notes: '' });
    const closed = await patch(owner.token, lost.id, { vehicleModel: 'Hilux' });
    expect(closed.status).toBe(422);
    expect(closed.body.error.code).toBe('lead_closed');
  });

  it('refuses a stale version with 409 version_conflict and a running Won push with 409 won_in_progress', async () => {
    const lead = await claimedLead();
    const stale = await patch(owner.token, lead.id, { vehicleModel: 'Hilux', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    await env.db.query(`insert into relay_leases (id, kind, lead_id, dealership_id, user_id, expires_at) values ($1, 'won', $2, $3, $4, $5)`, [
      `lease-${lead.id}`,
      lead.id,
      dealers['NORTH'],
      owner.id,
      new Date(env.clock.now().getTime() + 60_000),
    ]);
    const busy = await patch(owner.token, lead.id, { vehicleModel: 'Hilux' });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('won_in_progress');
  });

  it('keeps a phone or an e-mail: clearing the last one is a 400 naming the customer', async () => {
    const lead = await claimedLead({ customer: { name: 'One Contact', phone: null, email: 'only@mail.example' } });
    const refused = await patch(owner.token, lead.id, { customer: { email: null } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({ code: 'invalid_input', message: expect.stringContaining('customer') });
    expect(refused.body.error.message).toContain('would have neither');
    const both = await patch(owner.token, lead.id, { customer: { phone: null, email: null } });
    expect(both.status).toBe(400);
    const swapped = await patch(owner.token, lead.id, { customer: { phone: '0917 888 9999', email: '' } });
    expect(swapped.status).toBe(200);
    expect(swapped.body.customer).toMatchObject({ phone: '0917 888 9999', email: null });
  });

  it('refuses an unknown dealershipId with a 422 unknown_reference naming it; null removes the dealership', async () => {
    const lead = await claimedLead({ dealershipId: dealers['NORTH'] ?? null });
    const unknown = await patch(owner.token, lead.id, { dealershipId: '987654' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_reference', field: 'dealershipId', message: expect.stringContaining('dealershipId') });
    const removed = await patch(owner.token, lead.id, { dealershipId: null });
    expect(removed.body.dealershipId).toBeNull();
    expect((await messages(lead.id)).at(-1)?.tracking).toEqual([{ field: 'Dealership', from: 'Toyota NORTH', to: null }]);
  });

  it('changes nothing (no version bump, no chatter entry) when the values are the ones stored', async () => {
    const lead = await claimedLead({ vehicleModel: 'Vios' });
    const count = (await messages(lead.id)).length;
    const same = await patch(owner.token, lead.id, { vehicleModel: 'Vios', version: 2 });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
    expect((await messages(lead.id)).length).toBe(count);
  });

  it('refuses an empty or unknown body with 400', async () => {
    const lead = await claimedLead();
    expect((await patch(owner.token, lead.id, {})).status).toBe(400);
    expect((await patch(owner.token, lead.id, { brand: 'Honda' })).status).toBe(400);
  });
});
