import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, Lead } from '../../../src-shared/contract/entities.schema';
import { FEATURE_BACKENDS, api, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { chatter, claimedLead, createDealership, markWon, prepare, type ErrorBody } from './won.fixture';

const LEASE_MS = 60_000;

describe.each(FEATURE_BACKENDS)('won/confirm and won/fail on %s', (backend) => {
  let env: TestHub;
  let agent: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let dealershipId: string;
  let stages: Record<string, string>;

  beforeAll(async () => {
    env = await startTestHub(backend, { wonLeaseMs: LEASE_MS, mailPollMs: 0, smtpUrl: null, demo: false });
    agent = await createUser(env.db, 'agent', 'agent', 'Maria Santos');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    manager = await createUser(env.db, 'manager', 'manager');
    dealershipId = (await createDealership(env, manager.token, { name: 'Metro Toyota', managerEmail: 'boss@metrotoyota.example', url: 'http://127.0.0.1:9', apiKey: 'k-0123456789' })).id;
    stages = await stageIds(env.db);
  });
  afterAll(() => env.close());

  const outbox = (leadId: string) =>
    env.db.query<{ to_address: string; subject: string; body: string; status: string }>('select to_address, subject, body, status from mail_outbox where lead_id = $1', [leadId]);

  it('moves the lead to Won with dealerSoName, ends the lease, closes activities, writes the chatter and queues the manager e-mail', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const a = api(env.url, agent.token);
    expect((await a.post(`/leads/${lead.id}/activities`, { type: 'call', summary: 'Call back', dueAt: '2026-11-24T09:00:00Z' })).status).toBe(201);
    const { pushId } = await prepare(env, agent.token, lead.id);
    const confirmed = await a.post<Lead>(`/leads/${lead.id}/won/confirm`, { pushId, soName: 'S00012', soId: 12 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ stageId: stages['won'], dealerSoName: 'S00012', userId: agent.id });

    const [lease] = await env.db.query<{ ended_at: Date | null; outcome: string }>('select ended_at, outcome from relay_leases where id = $1', [pushId]);
    expect(lease).toEqual({ ended_at: expect.any(Date), outcome: 'confirmed' });
    const activities = await a.get<Activity[]>(`/leads/${lead.id}/activities`);
    expect(activities.body.every((activity) => activity.done)).toBe(true);

    const messages = await chatter(env, agent.token, lead.id);
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'tracking', tracking: [{ field: 'Stage', from: 'New', to: 'Won' }] }));
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'system', body: 'Sales Order S00012 created on Metro Toyota' }));
    expect(messages.some((message) => message.body.includes('manager not notified: mailer not configured'))).toBe(true);

    const [mail] = await outbox(lead.id);
    expect(mail).toMatchObject({ to_address: 'boss@metrotoyota.example', status: 'queued' });
    const [row] = await env.db.query<{ customer_name: string; customer_phone: string; customer_email: string }>('select * from leads where id = $1', [lead.id]);
    const text = `${mail?.subject}\n${mail?.body}`;
    for (const fact of [lead.ref, row?.customer_name, row?.customer_phone, row?.customer_email, 'Vios', 'S00012', 'Maria Santos']) expect(text).toContain(fact);
    expect(mail?.subject).toContain('S00012');
    expect(mail?.subject).toContain(lead.ref);
  });

  it('is idempotent per push id: a repeat answers the same lead, writes nothing and queues no second mail', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const { pushId } = await prepare(env, agent.token, lead.id);
    const body = { pushId, soName: 'S00013', soId: 13 };
    const first = await api(env.url, agent.token).post<Lead>(`/leads/${lead.id}/won/confirm`, body);
    const before = await chatter(env, agent.token, lead.id);
    env.clock.advance(LEASE_MS * 3);
    const again = await api(env.url, agent.token).post<Lead>(`/leads/${lead.id}/won/confirm`, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await chatter(env, agent.token, lead.id)).toHaveLength(before.length);
    expect(await outbox(lead.id)).toHaveLength(1);
    // after a supervisor reassigned the won lead, the push's own user still gets the answer
    expect((await api(env.url, supervisor.token).post(`/leads/${lead.id}/assign`, { userId: supervisor.id })).status).toBe(200);
    expect((await api(env.url, agent.token).post<Lead>(`/leads/${lead.id}/won/confirm`, body)).body).toMatchObject({ stageId: stages['won'], dealerSoName: 'S00013' });
  });

  it('refuses a foreign or made-up push id with 409 version_conflict', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const other = await claimedLead(env, agent.token, dealershipId);
    const { pushId: otherPush } = await prepare(env, agent.token, other.id);
    await prepare(env, agent.token, lead.id);
    const testLease = await api(env.url, manager.token).post<{ leaseId: string }>(`/dealerships/${dealershipId}/test-lease`);
    for (const pushId of [otherPush, '00000000-0000-4000-8000-000000000000', testLease.body.leaseId]) {
      for (const action of ['confirm', 'fail']) {
        const body = action === 'confirm' ? { pushId, soName: 'S1', soId: 1 } : { pushId, error: { code: 'x', message: 'y' } };
        const refused = await api(env.url, agent.token).post<ErrorBody>(`/leads/${lead.id}/won/${action}`, body);
        expect([refused.status, refused.body.error.code]).toEqual([409, 'version_conflict']);
        expect(refused.body.error.message).toContain(lead.ref);
      }
    }
    expect((await api(env.url, agent.token).get<Lead>(`/leads/${lead.id}`)).body).toMatchObject({ stageId: stages['new'], dealerSoName: null });
  });

  it('still accepts the confirm of a lapsed lease when no other push holds the lead (the order exists on the dealer)', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const { pushId } = await prepare(env, agent.token, lead.id);
    env.clock.advance(LEASE_MS + 1000);
    const late = await api(env.url, agent.token).post<Lead>(`/leads/${lead.id}/won/confirm`, { pushId, soName: 'S00020', soId: 20 });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ stageId: stages['won'], dealerSoName: 'S00020' });
  });

  it('refuses a lapsed push while a newer one runs, and accepts it once that one failed', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const first = await prepare(env, agent.token, lead.id);
    env.clock.advance(LEASE_MS + 1);
    const second = await prepare(env, agent.token, lead.id);
    const body = { pushId: first.pushId, soName: 'S00021', soId: 21 };
    const refused = await api(env.url, agent.token).post<ErrorBody>(`/leads/${lead.id}/won/confirm`, body);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'won_in_progress']);
    await api(env.url, agent.token).post(`/leads/${lead.id}/won/fail`, { pushId: second.pushId, error: { code: 'dealer_unreachable', message: 'down' } });
    const accepted = await api(env.url, agent.token).post<Lead>(`/leads/${lead.id}/won/confirm`, body);
    expect(accepted.status).toBe(200);
    expect(accepted.body.dealerSoName).toBe('S00021');
  });

  it('writes "no manager e-mail" to the chatter and queues nothing when the dealership has none', async () => {
    const bare = await createDealership(env, manager.token, { name: 'Quiet Motors', managerEmail: null, url: 'http://127.0.0.1:9', apiKey: 'k-0123456789' });
    const lead = await claimedLead(env, agent.token, bare.id);
    await markWon(env, agent.token, lead.id, 'S00030');
    const messages = await chatter(env, agent.token, lead.id);
    expect(messages.map((message) => message.body)).toContain('Dealership manager not notified: no manager e-mail is set on Quiet Motors.');
    expect(await outbox(lead.id)).toHaveLength(0);
  });

  it('won/fail writes the error and what to do to the chatter, ends the lease and leaves the lead as it was', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const { pushId } = await prepare(env, agent.token, lead.id);
    const error = { code: 'dealer_access_denied', message: 'The dealer refused the API key.' };
    const failed = await api(env.url, agent.token).post<Lead>(`/leads/${lead.id}/won/fail`, { pushId, error });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ stageId: stages['new'], dealerSoName: null, userId: agent.id });
    const errors = (await chatter(env, agent.token, lead.id)).filter((message) => message.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.body).toContain('The dealer refused the API key. (dealer_access_denied)');
    expect(errors[0]?.body).toContain('Test Connection on dealership "Metro Toyota"');
    expect(errors[0]?.body).toContain('ask a manager');
    const [lease] = await env.db.query<{ outcome: string }>('select outcome from relay_leases where id = $1', [pushId]);
    expect(lease?.outcome).toBe('failed');
    // the lease no longer holds the lead; a repeated report writes nothing more
    expect((await api(env.url, agent.token).post(`/leads/${lead.id}/stage`, { stageId: stages['qualified'] })).status).toBe(200);
    expect((await api(env.url, agent.token).post(`/leads/${lead.id}/won/fail`, { pushId, error })).status).toBe(200);
    expect((await chatter(env, agent.token, lead.id)).filter((message) => message.kind === 'error')).toHaveLength(1);
  });

  it('a failure reported after the push was confirmed changes nothing', async () => {
    const lead = await claimedLead(env, agent.token, dealershipId);
    const { pushId } = await prepare(env, agent.token, lead.id);
    await api(env.url, agent.token).post(`/leads/${lead.id}/won/confirm`, { pushId, soName: 'S00040', soId: 40 });
    const late = await api(env.url, agent.token).post<Lead>(`/leads/${lead.id}/won/fail`, { pushId, error: { code: 'x', message: 'late' } });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ stageId: stages['won'], dealerSoName: 'S00040' });
    expect((await chatter(env, agent.token, lead.id)).filter((message) => message.kind === 'error')).toHaveLength(0);
  });
});
