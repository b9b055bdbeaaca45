import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { WonFailuresReport } from '../../../src-shared/contract/reports.schema';
import { api, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { claimedLead, createDealership, prepare } from './won.fixture';

/** A failed Mark as Won leaves the lead on a work list until a later push succeeds (or it closes). */
describe('failed Won pushes as a work list', () => {
  let env: TestHub;
  let agent: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let dealershipId: string;
  let otherDealershipId: string;

  beforeAll(async () => {
    env = await startTestHub('postgres', { mailPollMs: 0, smtpUrl: null });
    agent = await createUser(env.db, 'wf-agent', 'agent', 'Maria Santos');
    supervisor = await createUser(env.db, 'wf-super', 'supervisor');
    const manager = await createUser(env.db, 'wf-manager', 'manager');
    dealershipId = (await createDealership(env, manager.token, { name: 'Metro Toyota', url: 'http://127.0.0.1:9', apiKey: 'k-0123456789abcdef' })).id;
    otherDealershipId = (await createDealership(env, manager.token, { name: 'South Toyota', url: 'http://127.0.0.1:9', apiKey: 'k-0123456789abcdef' })).id;
  });
  afterAll(() => env.close());

  const fail = async (leadId: string, message: string) => {
    const { pushId } = await prepare(env, agent.token, leadId);
    return api(env.url, agent.token).post<Lead>(`/leads/${leadId}/won/fail`, { pushId, error: { code: 'dealer_unreachable', message } });
  };
  const workList = async () => (await api(env.url, supervisor.token).get<{ items: Lead[] }>('/leads?scope=all&wonFailed=true&sort=created_asc')).body.items.map((lead) => lead.id);
  const report = async () => (await api(env.url, supervisor.token).get<WonFailuresReport>('/reports/won-failures')).body;

  it('records when, why and who on the lead; lists it for supervisors and per dealership; a success clears it', async () => {
    const first = await claimedLead(env, agent.token, dealershipId);
    const second = await claimedLead(env, agent.token, dealershipId);
    const elsewhere = await claimedLead(env, agent.token, otherDealershipId);
    expect(await workList()).toEqual([]);

    const failed = await fail(first.id, 'Metro is down');
    expect(failed.body.wonFailure).toEqual({ at: env.clock.now().toISOString(), error: 'Metro is down (dealer_unreachable)', userId: agent.id });
    env.clock.advance(60_000);
    await fail(second.id, 'Metro still down');
    await fail(elsewhere.id, 'South is down');
    expect(await workList()).toEqual([first.id, second.id, elsewhere.id]);
    expect(await report()).toEqual([
      expect.objectContaining({ dealershipId, dealershipName: 'Metro Toyota', leads: 2, lastError: 'Metro still down (dealer_unreachable)' }),
      expect.objectContaining({ dealershipId: otherDealershipId, dealershipName: 'South Toyota', leads: 1, lastError: 'South is down (dealer_unreachable)' }),
    ]);

    // the retry succeeds: off the list, the lead says nothing failed any more
    const { pushId } = await prepare(env, agent.token, first.id);
    const won = await api(env.url, agent.token).post<Lead>(`/leads/${first.id}/won/confirm`, { pushId, soName: 'S00031', soId: 31 });
    expect(won.body.wonFailure).toBeNull();
    // a lead closed as Lost meanwhile is no longer waiting on the dealer either
    await api(env.url, agent.token).post(`/leads/${elsewhere.id}/lost`, { reason: 'timing', notes: '' });
    expect(await workList()).toEqual([second.id]);
    expect((await report()).map((row) => [row.dealershipName, row.leads])).toEqual([['Metro Toyota', 1]]);
  });

  it('is for supervisors and managers: agents get 403 on the list and the report', async () => {
    expect((await api(env.url, agent.token).get('/leads?scope=all&wonFailed=true')).status).toBe(403);
    expect((await api(env.url, agent.token).get('/reports/won-failures')).status).toBe(403);
  });
});
