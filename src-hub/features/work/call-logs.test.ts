import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallLogPage } from '../../../src-shared/contract/lead-work.schema';
import { FEATURE_BACKENDS, api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';

type User = Awaited<ReturnType<typeof createUser>>;
const T0 = new Date('2026-11-23T08:00:00Z');
const MINUTE = 60_000;

describe.each(FEATURE_BACKENDS)('GET /call-logs on %s', (backend) => {
  let env: TestHub;
  let agent: User;
  let otherAgent: User;
  let supervisor: User;
  const leads: Record<string, { id: string; ref: string }> = {};

  const logCall = async (user: User, leadId: string, result: string, minutesAfterT0: number) => {
    env.clock.set(new Date(T0.getTime() + minutesAfterT0 * MINUTE));
    const answer = await api(env.url, user.token).post(`/leads/${leadId}/calls`, { durationMin: 4, result, summary: `${result} at +${minutesAfterT0}` });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  };
  const list = async (user: User, query = '') => {
    const answer = await api(env.url, user.token).get<CallLogPage>(`/call-logs?${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const summaries = (page: CallLogPage) => page.items.map((item) => item.summary);

  beforeAll(async () => {
    env = await startTestHub(backend, { mailPollMs: 0 });
    agent = await createUser(env.db, 'agent', 'agent', 'Maria Santos');
    otherAgent = await createUser(env.db, 'other', 'agent', 'Jose Reyes');
    supervisor = await createUser(env.db, 'super', 'supervisor', 'Ana Cruz');
    leads['kept'] = await createLead(env.db, { customer: { name: 'Lorna Villareal', phone: '+63 917 555 0101', email: null } });
    leads['moved'] = await createLead(env.db, { customer: { name: 'Dante Robles', phone: '+63 918 555 0202', email: null } });
    leads['others'] = await createLead(env.db, { customer: { name: 'Celia Manalo', phone: '+63 919 555 0303', email: null } });
    for (const name of ['kept', 'moved']) expect((await api(env.url, agent.token).post(`/leads/${leads[name]!.id}/claim`)).status).toBe(200);
    expect((await api(env.url, otherAgent.token).post(`/leads/${leads['others']!.id}/claim`)).status).toBe(200);
    await logCall(agent, leads['kept']!.id, 'answered', 1);
    await logCall(agent, leads['kept']!.id, 'no_answer', 2);
    await logCall(agent, leads['moved']!.id, 'busy', 3);
    await logCall(otherAgent, leads['others']!.id, 'voicemail', 4);
    // The supervisor hands the second lead to the other agent: its old call stays the first agent's, out of sight.
    expect((await api(env.url, supervisor.token).post(`/leads/${leads['moved']!.id}/assign`, { userId: otherAgent.id })).status).toBe(200);
  });
  afterAll(() => env.close());

  it("names each call's lead and customer, newest first", async () => {
    const page = await list(supervisor);
    expect(page.items.map((item) => [item.summary, item.leadRef, item.customerName])).toEqual([
      ['voicemail at +4', leads['others']!.ref, 'Celia Manalo'],
      ['busy at +3', leads['moved']!.ref, 'Dante Robles'],
      ['no_answer at +2', leads['kept']!.ref, 'Lorna Villareal'],
      ['answered at +1', leads['kept']!.ref, 'Lorna Villareal'],
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('answers an agent with their own calls on leads they still hold, whatever the filter', async () => {
    expect(summaries(await list(agent))).toEqual(['no_answer at +2', 'answered at +1']);
    expect(summaries(await list(agent, `userId=${otherAgent.id}`))).toEqual([]);
    expect(summaries(await list(agent, `leadId=${leads['moved']!.id}`))).toEqual([]);
    expect(summaries(await list(otherAgent))).toEqual(['voicemail at +4']);
  });

  it('filters by agent, lead, result and a [from, to) range', async () => {
    expect(summaries(await list(supervisor, `userId=${agent.id}`))).toEqual(['busy at +3', 'no_answer at +2', 'answered at +1']);
    expect(summaries(await list(supervisor, `leadId=${leads['kept']!.id}`))).toEqual(['no_answer at +2', 'answered at +1']);
    expect(summaries(await list(supervisor, 'result=busy'))).toEqual(['busy at +3']);
    const at = (minutes: number) => encodeURIComponent(new Date(T0.getTime() + minutes * MINUTE).toISOString());
    expect(summaries(await list(supervisor, `from=${at(2)}&to=${at(4)}`))).toEqual(['busy at +3', 'no_answer at +2']);
  });

  it('pages with a keyset cursor and refuses one it did not make, naming it', async () => {
    const first = await list(supervisor, 'limit=3');
    expect(summaries(first)).toEqual(['voicemail at +4', 'busy at +3', 'no_answer at +2']);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(supervisor, `limit=3&cursor=${first.nextCursor}`);
    expect(summaries(second)).toEqual(['answered at +1']);
    expect(second.nextCursor).toBeNull();
    const refused = await api(env.url, supervisor.token).get<{ error: { code: string; message: string } }>('/call-logs?cursor=not-ours');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({ code: 'invalid_input', message: 'Invalid query: cursor: not a cursor of this list. Start again without it.' });
  });
});
