import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';

interface Outcome {
  leadId: string;
  ref: string;
  outcome: 'created' | 'merged' | 'duplicate';
}
interface ErrorBody {
  error: { code: string; message: string };
}
interface LeadBody {
  id: string;
  userId: string | null;
  stageId: string;
  dealershipId: string | null;
  source: string;
}

interface Customer {
  name: string;
  phone?: string | null;
  email?: string | null;
}

let serial = 0;
/** A customer no other test uses: de-duplication is global. */
function newCustomer(name = 'Juan Dela Cruz'): Customer & { phone: string; email: string } {
  serial++;
  return { name, phone: `+63 917 ${String(4_000_000 + serial)}`, email: `customer${serial}-${Date.now()}@feed.example` };
}

describe.each(FEATURE_BACKENDS)('intake on %s', (backend) => {
  let env: TestHub;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let agent: Awaited<ReturnType<typeof createUser>>;
  let key: string;
  const dealers: Record<string, string> = {};
  let externalSerial = 0;
  const nextExternalId = () => `feed-${backend}-${++externalSerial}`;

  const intake = (body: unknown, intakeKey: string | null = key) =>
    api(env.url).post<Outcome & ErrorBody>('/intake/leads', body, intakeKey === null ? {} : { 'x-intake-key': intakeKey });
  const feedLead = (customer: Customer = newCustomer(), extra: Record<string, unknown> = {}) =>
    intake({ externalId: nextExternalId(), source: 'Distributor site', customer, brand: 'Toyota', vehicleModel: 'Vios', ...extra });

  beforeAll(async () => {
    env = await startTestHub(backend);
    manager = await createUser(env.db, 'manager', 'manager', 'Maria Manager');
    agent = await createUser(env.db, 'agent', 'agent', 'Andy Agent');
    const asManager = api(env.url, manager.token);
    key = (await asManager.post<{ key: string }>('/intake-keys', { name: 'Distributor feed' })).body.key;
    for (const [code, brands] of [
      ['TOY-1', ['Toyota']],
      ['HON-1', ['Honda']],
      ['HON-2', ['Honda', 'Isuzu']],
    ] as const) {
      const created = await asManager.post<{ id: string }>('/dealerships', { code, name: `Dealer ${code}`, brands });
      expect(created.status).toBe(201);
      dealers[code] = created.body.id;
    }
  });
  afterAll(() => env.close());

  it('refuses a missing, wrong or revoked intake key with 401', async () => {
    const body = { externalId: nextExternalId(), source: 'Feed', customer: newCustomer(), brand: 'Toyota', vehicleModel: 'Vios' };
    const missing = await intake(body, null);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'unauthenticated', message: 'Intake needs an X-Intake-Key header.' });
    const wrong = await intake(body, 'not-a-key');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    const asManager = api(env.url, manager.token);
    const revoked = await asManager.post<{ id: string; key: string }>('/intake-keys', { name: 'Old feed' });
    expect((await asManager.delete(`/intake-keys/${revoked.body.id}`)).status).toBe(204);
    expect((await intake(body, revoked.body.key)).status).toBe(401);
    // a bearer token is not an intake key
    expect((await api(env.url, manager.token).post('/intake/leads', body)).status).toBe(401);
    const [row] = await env.db.query<{ count: string }>('select count(*) as count from leads where external_id = $1', [body.externalId]);
    expect(Number(row?.count)).toBe(0);
  });

  it('creates an unclaimed lead in the first open stage with the only dealership carrying the brand: 201', async () => {
    const created = await feedLead(newCustomer(), { brand: 'toyota' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ outcome: 'created', ref: expect.stringMatching(/^LEAD\/2026\/\d{5,}$/) });
    const lead = await api(env.url, agent.token).get<LeadBody>(`/leads/${created.body.leadId}`);
    expect(lead.status).toBe(200);
    expect(lead.body).toMatchObject({ userId: null, stageId: (await stageIds(env.db))['new'], dealershipId: dealers['TOY-1'], source: 'Distributor site' });
    const messages = await api(env.url, agent.token).get<Array<{ kind: string; body: string }>>(`/leads/${created.body.leadId}/messages`);
    expect(messages.body).toEqual([expect.objectContaining({ kind: 'system', body: 'Lead created from Distributor site.' })]);
  });

  it('gives no dealership when several or none carry the brand, and the named one for dealershipCode', async () => {
    const dealershipOf = async (outcome: Outcome) => (await api(env.url, manager.token).get<LeadBody>(`/leads/${outcome.leadId}`)).body.dealershipId;
    expect(await dealershipOf((await feedLead(newCustomer(), { brand: 'Honda' })).body)).toBeNull();
    expect(await dealershipOf((await feedLead(newCustomer(), { brand: 'Kia' })).body)).toBeNull();
    expect(await dealershipOf((await feedLead(newCustomer(), { brand: 'Honda', dealershipCode: 'hon-2' })).body)).toBe(dealers['HON-2']);
    expect(await dealershipOf((await feedLead(newCustomer(), { brand: 'Isuzu' })).body)).toBe(dealers['HON-2']);
  });

  it('refuses an unknown dealershipCode with 422 unknown_reference naming the field, creating nothing', async () => {
    const customer = newCustomer();
    const refused = await feedLead(customer, { dealershipCode: 'NOPE-9' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'unknown_reference', field: 'dealershipCode', message: expect.stringContaining('dealershipCode') });
    expect((await feedLead(customer)).body.outcome).toBe('created');
  });

  it('refuses a customer without a usable phone or e-mail with 400', async () => {
    const noContact = await feedLead({ name: 'No Contact' });
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.message).toContain('At least one of phone or email is required');
    const shortPhone = await feedLead({ name: 'Short Phone', phone: '12 34', email: '' });
    expect(shortPhone.status).toBe(400);
  });

  it('answers 200 duplicate with the original lead for a repeated externalId, and changes nothing', async () => {
    const body = { externalId: nextExternalId(), source: 'Feed', customer: newCustomer(), brand: 'Toyota', vehicleModel: 'Vios' };
    const first = await intake(body);
    expect(first.status).toBe(201);
    const again = await intake({ ...body, customer: newCustomer('Someone Else') });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ leadId: first.body.leadId, ref: first.body.ref, outcome: 'duplicate' });
    const [leads] = await env.db.query<{ count: string }>('select count(*) as count from leads where external_id = $1', [body.externalId]);
    expect(Number(leads?.count)).toBe(1);
    const [messages] = await env.db.query<{ count: string }>('select count(*) as count from messages where lead_id = $1', [first.body.leadId]);
    expect(Number(messages?.count)).toBe(1);
  });

  it("merges a contact into the customer's open lead: a duplicate chatter entry its owner sees through sync", async () => {
    const customer = newCustomer('Ana Reyes');
    const first = await feedLead(customer);
    expect((await api(env.url, agent.token).post(`/leads/${first.body.leadId}/claim`)).status).toBe(200);
    const [before] = await env.db.query<{ seq: string }>('select coalesce(max(seq), 0) as seq from changes');

    // the same phone written nationally, with another e-mail
    const nationalPhone = customer.phone.replace('+63 ', '0');
    const externalId = nextExternalId();
    const merged = await intake({ externalId, source: 'Facebook ad', customer: { name: 'Ana R.', phone: nationalPhone, email: 'ana.other@mail.example' }, brand: 'Toyota', vehicleModel: 'Fortuner' });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ leadId: first.body.leadId, ref: first.body.ref, outcome: 'merged' });

    const messages = await api(env.url, agent.token).get<Array<{ kind: string; body: string; authorId: string | null }>>(`/leads/${first.body.leadId}/messages`);
    const duplicate = messages.body.at(-1);
    expect(duplicate).toMatchObject({ kind: 'duplicate', authorId: null });
    for (const text of ['Facebook ad', externalId, 'Ana R.', nationalPhone, 'ana.other@mail.example', 'Fortuner']) expect(duplicate?.body).toContain(text);
    const changes = await env.db.query<{ entity: string; lead_id: string }>('select entity, lead_id from changes where seq > $1', [before?.seq]);
    expect(changes).toEqual([{ entity: 'message', lead_id: first.body.leadId }]);

    // by e-mail alone, whatever its case
    const byEmail = await feedLead({ name: 'Ana', phone: '', email: customer.email.toUpperCase() });
    expect(byEmail.body).toMatchObject({ leadId: first.body.leadId, outcome: 'merged' });

    // re-sending a merged contact is harmless: duplicate, no second chatter entry
    const count = async () => Number((await env.db.query<{ count: string }>(`select count(*) as count from messages where lead_id = $1 and kind = 'duplicate'`, [first.body.leadId]))[0]?.count);
    const duplicates = await count();
    const resent = await intake({ externalId, source: 'Facebook ad', customer: { name: 'Ana R.', phone: nationalPhone, email: null }, brand: 'Toyota', vehicleModel: 'Fortuner' });
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual({ leadId: first.body.leadId, ref: first.body.ref, outcome: 'duplicate' });
    expect(await count()).toBe(duplicates);
  });

  it('never merges into a Lost or Won lead: a returning customer gets a new lead', async () => {
    const customer = newCustomer('Returning Customer');
    const lost = await feedLead(customer);
    const asAgent = api(env.url, agent.token);
    await asAgent.post(`/leads/${lost.body.leadId}/claim`);
    expect((await asAgent.post(`/leads/${lost.body.leadId}/lost`, { reason: 'timing', notes: '' })).status).toBe(200);
    const afterLost = await feedLead(customer);
    expect(afterLost.status).toBe(201);
    expect(afterLost.body.leadId).not.toBe(lost.body.leadId);

    const stages = await stageIds(env.db);
    await env.db.query('update leads set stage_id = $2, closed = true, user_id = $3 where id = $1', [afterLost.body.leadId, stages['won'], agent.id]);
    const afterWon = await feedLead(customer);
    expect(afterWon.status).toBe(201);
    expect([lost.body.leadId, afterLost.body.leadId]).not.toContain(afterWon.body.leadId);
    expect((await feedLead(customer)).body).toMatchObject({ leadId: afterWon.body.leadId, outcome: 'merged' });
  });

  it('two or more simultaneous intakes of the same new customer make one lead, every time', async () => {
    for (let round = 0; round < 8; round++) {
      const customer = newCustomer(`Racer ${round}`);
      const variants = [
        customer,
        { ...customer, email: null },
        { ...customer, phone: customer.phone.replace('+63 ', '0'), email: `other${round}@race.example` },
        { ...customer, email: customer.email.toUpperCase() },
        { ...customer, phone: customer.phone.replace(/\s/g, '') },
      ];
      const answers = await Promise.all(variants.map((variant) => feedLead(variant)));
      const outcomes = answers.map((answer) => `${answer.status} ${answer.body.outcome}`).sort();
      expect({ round, outcomes }).toEqual({ round, outcomes: ['200 merged', '200 merged', '200 merged', '200 merged', '201 created'] });
      expect(new Set(answers.map((answer) => answer.body.leadId)).size).toBe(1);
    }
  });

  it('simultaneous sends of one externalId make one lead; the rest are duplicates', async () => {
    const body = { externalId: nextExternalId(), source: 'Feed', customer: newCustomer(), brand: 'Toyota', vehicleModel: 'Vios' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => intake(body)));
    expect(answers.map((answer) => `${answer.status} ${answer.body.outcome}`).sort()).toEqual(['200 duplicate', '200 duplicate', '200 duplicate', '200 duplicate', '201 created']);
  });

  it('answers 422 with a clear message when no open stage is configured (and still recognises duplicates)', async () => {
    const known = await feedLead();
    const opened = await env.db.query<{ id: string }>('update stages set is_lost = true where not is_won and not is_lost returning id');
    try {
      const refused = await feedLead();
      expect(refused.status).toBe(422);
      expect(refused.body.error).toEqual({ code: 'stage_transition_not_allowed', message: expect.stringContaining('No open stage configured') });
      const body = { externalId: 'x', source: 'Feed', customer: newCustomer(), brand: 'Toyota', vehicleModel: 'Vios' };
      expect((await intake(body)).status).toBe(422);
      const [row] = await env.db.query<{ external_id: string }>('select external_id from leads where id = $1', [known.body.leadId]);
      expect((await intake({ ...body, externalId: row?.external_id })).body.outcome).toBe('duplicate');
    } finally {
      await env.db.query('update stages set is_lost = false where id = any($1::bigint[])', [opened.map((stage) => stage.id)]);
    }
  });
});
