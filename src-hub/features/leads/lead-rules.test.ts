import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';

type ErrorBody = { error: { code: string; message: string } };

describe.each(FEATURE_BACKENDS)('lead rules on %s', (backend) => {
  let env: TestHub;
  let agent: { id: string; token: string };
  let other: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let stages: Record<string, string>;

  beforeAll(async () => {
    env = await startTestHub(backend);
    agent = await createUser(env.db, 'maria', 'agent', 'Maria Santos');
    other = await createUser(env.db, 'jose', 'agent', 'Jose Reyes');
    supervisor = await createUser(env.db, 'ana', 'supervisor', 'Ana Cruz');
    stages = await stageIds(env.db);
  });
  afterAll(() => env.close());

  async function claimed(): Promise<string> {
    const lead = await createLead(env.db);
    expect((await api(env.url, agent.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    return lead.id;
  }

  describe('forward-only stages', () => {
    it('New → Qualified → Negotiation one step at a time, with tracking entries old → new', async () => {
      const id = await claimed();
      const a = api(env.url, agent.token);
      expect((await a.post(`/leads/${id}/stage`, { stageId: stages['qualified'] })).status).toBe(200);
      expect((await a.post(`/leads/${id}/stage`, { stageId: stages['negotiation'] })).status).toBe(200);
      const messages = await a.get<Array<{ tracking?: Array<{ field: string; from: string; to: string }> }>>(`/leads/${id}/messages`);
      const stageTracking = messages.body.flatMap((message) => message.tracking ?? []).filter((change) => change.field === 'Stage');
      expect(stageTracking).toEqual([
        { field: 'Stage', from: 'New', to: 'Qualified' },
        { field: 'Stage', from: 'Qualified', to: 'Negotiation' },
      ]);
    });

    it('a skip and a revert are refused with the documents\' text verbatim', async () => {
      const id = await claimed();
      const a = api(env.url, agent.token);
      const skip = await a.post<ErrorBody>(`/leads/${id}/stage`, { stageId: stages['negotiation'] });
      expect(skip.status).toBe(422);
      expect(skip.body.error).toEqual({
        code: 'stage_transition_not_allowed',
        message: 'Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified". Use the Mark Won or Mark Lost buttons to close the lead instead.',
      });
      await a.post(`/leads/${id}/stage`, { stageId: stages['qualified'] });
      const revert = await a.post<ErrorBody>(`/leads/${id}/stage`, { stageId: stages['new'] });
      expect(revert.body.error.message).toBe(
        'Leads can only move forward one stage at a time. From "Qualified" the only allowed next stage is "Negotiation". Use the Mark Won or Mark Lost buttons to close the lead instead.',
      );
    });

    it('a won target needs the Won flow, a lost target a reason', async () => {
      const id = await claimed();
      const a = api(env.url, agent.token);
      expect((await a.post<ErrorBody>(`/leads/${id}/stage`, { stageId: stages['won'] })).body.error.code).toBe('use_won_flow');
      expect((await a.post<ErrorBody>(`/leads/${id}/stage`, { stageId: stages['lost'] })).body.error.code).toBe('lost_reason_required');
      const lead = await a.get<{ stageId: string }>(`/leads/${id}`);
      expect(lead.body.stageId).toBe(stages['new']);
    });

    it('version conflicts are reported, never overwritten', async () => {
      const id = await claimed();
      const a = api(env.url, agent.token);
      const { body } = await a.get<{ version: number }>(`/leads/${id}`);
      expect((await a.post(`/leads/${id}/stage`, { stageId: stages['qualified'], version: body.version })).status).toBe(200);
      const stale = await a.post<ErrorBody>(`/leads/${id}/stage`, { stageId: stages['negotiation'], version: body.version });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('version_conflict');
    });

    it('an unknown stage is a 422 unknown_reference naming stageId', async () => {
      const id = await claimed();
      const answer = await api(env.url, agent.token).post<ErrorBody>(`/leads/${id}/stage`, { stageId: '999999' });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatchObject({ code: 'unknown_reference', field: 'stageId', message: expect.stringMatching(/^stageId: /) });
    });
  });

  describe('Mark as Lost', () => {
    it('cannot close without a reason and says so', async () => {
      const id = await claimed();
      for (const body of [{ notes: 'x' }, { reason: null, notes: '' }, {}]) {
        const answer = await api(env.url, agent.token).post<ErrorBody>(`/leads/${id}/lost`, body);
        expect(answer.status).toBe(422);
        expect(answer.body.error.code).toBe('lost_reason_required');
        expect(answer.body.error.message).toContain('Lost Reason must be set');
      }
    });

    it('without a lost stage, tells an agent to ask a manager (agents have no Configuration)', async () => {
      const id = await claimed();
      await env.db.query('update stages set is_lost = false where id = $1', [stages['lost']]);
      try {
        const answer = await api(env.url, agent.token).post<ErrorBody>(`/leads/${id}/lost`, { reason: 'price', notes: '' });
        expect(answer.status).toBe(422);
        expect(answer.body.error.message).toBe('No lost stage configured — ask a manager to mark a stage as Lost (Configuration → Stages).');
      } finally {
        await env.db.query('update stages set is_lost = true where id = $1', [stages['lost']]);
      }
    });

    it('refuses a reason outside the list', async () => {
      const id = await claimed();
      const answer = await api(env.url, agent.token).post<ErrorBody>(`/leads/${id}/lost`, { reason: 'too_expensive', notes: '' });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain('reason');
    });

    it('moves to the folded Lost stage with the reason and notes in the chatter; the lead no longer moves', async () => {
      const id = await claimed();
      const a = api(env.url, agent.token);
      await a.post(`/leads/${id}/activities`, { type: 'call', summary: 'Call back', dueAt: '2026-11-24T01:00:00Z' });
      const lost = await a.post<{ stageId: string; lostReason: string; lostNotes: string }>(`/leads/${id}/lost`, { reason: 'financing', notes: 'Bank declined the loan.' });
      expect(lost.status).toBe(200);
      expect(lost.body).toMatchObject({ stageId: stages['lost'], lostReason: 'financing', lostNotes: 'Bank declined the loan.' });
      const messages = await a.get<Array<{ body: string; tracking: Array<{ field: string; from: string | null; to: string | null }> | null }>>(`/leads/${id}/messages`);
      expect(messages.body.at(-1)?.body).toBe('Marked as Lost. Reason: Financing.\nNotes: Bank declined the loan.');
      // what the chatter shows of a tracking entry: its lines, the notes among them
      expect(messages.body.at(-1)?.tracking).toEqual([
        { field: 'Stage', from: 'New', to: 'Lost' },
        { field: 'Lost Reason', from: null, to: 'Financing' },
        { field: 'Lost Notes', from: null, to: 'Bank declined the loan.' },
      ]);
      const activities = await a.get<Array<{ done: boolean }>>(`/leads/${id}/activities`);
      expect(activities.body.every((activity) => activity.done)).toBe(true);
      expect((await a.post<ErrorBody>(`/leads/${id}/stage`, { stageId: stages['new'] })).body.error.code).toBe('lead_closed');
      expect((await a.post<ErrorBody>(`/leads/${id}/lost`, { reason: 'price' })).body.error.code).toBe('lead_closed');
      expect((await a.post(`/leads/${id}/notes`, { body: 'Notes are still allowed on a closed lead.' })).status).toBe(201);
    });
  });

  describe('calls, activities and notes', () => {
    it('a call log posts its summary to the chatter and creates the next activity', async () => {
      const id = await claimed();
      const a = api(env.url, agent.token);
      const call = await a.post<{ id: string; durationMin: number; result: string }>(`/leads/${id}/calls`, {
        durationMin: 7.5,
        result: 'answered',
        summary: 'Wants a quote for the 1.5 G variant.',
        nextActivity: { type: 'call', summary: 'Send quote and call back', dueAt: '2026-11-24T03:00:00Z' },
      });
      expect(call.status).toBe(201);
      expect(call.body).toMatchObject({ durationMin: 7.5, result: 'answered' });
      const messages = await a.get<Array<{ kind: string; body: string }>>(`/leads/${id}/messages`);
      expect(messages.body.find((message) => message.kind === 'call')?.body).toBe('Call — Answered, 7.5 min\nWants a quote for the 1.5 G variant.');
      // the due time as an ISO-8601 UTC instant, which each desktop shows in its own time zone
      expect(messages.body.find((message) => message.kind === 'system' && message.body.includes('scheduled'))?.body).toBe('Call scheduled for 2026-11-24T03:00:00.000Z: Send quote and call back');
      const activities = await a.get<Array<{ type: string; userId: string; done: boolean }>>(`/leads/${id}/activities`);
      expect(activities.body).toMatchObject([{ type: 'call', userId: agent.id, done: false }]);
      expect((await a.get<unknown[]>(`/leads/${id}/calls`)).body).toHaveLength(1);
    });

    it('a visit needs on-site or showroom', async () => {
      const id = await claimed();
      const answer = await api(env.url, agent.token).post<ErrorBody>(`/leads/${id}/activities`, { type: 'visit', summary: 'Visit', dueAt: '2026-11-24T03:00:00Z' });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain('visitKind');
    });

    it('the same clientId twice makes one record and the same answer; another body with it is a 409', async () => {
      const id = await claimed();
      const a = api(env.url, agent.token);
      const clientId = randomUUID();
      const first = await a.post<{ id: string }>(`/leads/${id}/notes`, { body: 'Called from the showroom.', clientId });
      const again = await a.post<{ id: string }>(`/leads/${id}/notes`, { body: 'Called from the showroom.', clientId });
      expect(first.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const conflict = await a.post<ErrorBody>(`/leads/${id}/notes`, { body: 'Something else.', clientId });
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.code).toBe('client_id_conflict');
      const callId = randomUUID();
      const calls = await Promise.all(
        Array.from({ length: 5 }, () => a.post<{ id: string }>(`/leads/${id}/calls`, { durationMin: 2, result: 'busy', summary: '', clientId: callId })),
      );
      expect(new Set(calls.map((answer) => answer.body.id)).size).toBe(1);
      expect((await a.get<unknown[]>(`/leads/${id}/calls`)).body).toHaveLength(1);
      const notes = await a.get<Array<{ kind: string }>>(`/leads/${id}/messages`);
      expect(notes.body.filter((message) => message.kind === 'note')).toHaveLength(1);
      // clientIds are per user: another user's same id is a new record.
      const supervisorNote = await api(env.url, supervisor.token).post<{ id: string }>(`/leads/${id}/notes`, { body: 'Called from the showroom.', clientId });
      expect(supervisorNote.status).toBe(201);
      expect(supervisorNote.body.id).not.toBe(first.body.id);
    });

    it('marking an activity done: the assignee or a supervisor, not another agent', async () => {
      const id = await claimed();
      const created = await api(env.url, agent.token).post<{ id: string }>(`/leads/${id}/activities`, { type: 'task', summary: 'Prepare papers', dueAt: '2026-11-24T03:00:00Z' });
      expect((await api(env.url, other.token).post(`/activities/${created.body.id}/done`)).status).toBe(404);
      const done = await api(env.url, supervisor.token).post<{ done: boolean }>(`/activities/${created.body.id}/done`);
      expect(done.body.done).toBe(true);
    });
  });

  describe('reassignment', () => {
    it('moves the lead and its open activities, tracked old → new; agents cannot; inactive users are refused', async () => {
      const id = await claimed();
      await api(env.url, agent.token).post(`/leads/${id}/activities`, { type: 'call', summary: 'Follow up', dueAt: '2026-11-24T03:00:00Z' });
      const s = api(env.url, supervisor.token);
      expect((await api(env.url, agent.token).post<ErrorBody>(`/leads/${id}/assign`, { userId: other.id })).status).toBe(403);
      const moved = await s.post<{ userId: string }>(`/leads/${id}/assign`, { userId: other.id });
      expect(moved.body.userId).toBe(other.id);
      const activities = await s.get<Array<{ userId: string }>>(`/leads/${id}/activities`);
      expect(activities.body.every((activity) => activity.userId === other.id)).toBe(true);
      const messages = await s.get<Array<{ tracking?: unknown; authorId: string }>>(`/leads/${id}/messages`);
      expect(messages.body.at(-1)).toMatchObject({ authorId: supervisor.id, tracking: [{ field: 'Assigned Agent', from: 'Maria Santos', to: 'Jose Reyes' }] });
      expect((await api(env.url, agent.token).get(`/leads/${id}`)).status).toBe(404);
      await env.db.query('update users set active = false where login = $1', ['maria']);
      const refused = await s.post<ErrorBody>(`/leads/${id}/assign`, { userId: agent.id });
      expect(refused.body.error.code).toBe('invalid_assignee');
      await env.db.query('update users set active = true where login = $1', ['maria']);
      const pool = await s.post<{ userId: string | null }>(`/leads/${id}/assign`, { userId: null });
      expect(pool.body.userId).toBeNull();
    });

    it('a closed lead never returns to the pool', async () => {
      const id = await claimed();
      await api(env.url, agent.token).post(`/leads/${id}/lost`, { reason: 'price' });
      const answer = await api(env.url, supervisor.token).post<ErrorBody>(`/leads/${id}/assign`, { userId: null });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('lead_closed');
    });
  });
});
