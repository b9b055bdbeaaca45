import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';

/**
 * Every lead endpoint × role × lead (own, another agent's, unclaimed, closed), from one table. For an agent,
 * another agent's lead must answer exactly like a lead that does not exist (claim: 409, revealing nothing).
 */
type LeadKind = 'own' | 'others' | 'unclaimed' | 'closedOwn' | 'closedOthers';
type Caller = 'agent' | 'supervisor' | 'manager';
type Expect = number | [number, string];

interface Endpoint {
  name: string;
  call: (client: ReturnType<typeof api>, leadId: string, ctx: { next: string; otherAgentId: string }) => Promise<{ status: number; body: unknown }>;
}

const endpoints: Endpoint[] = [
  { name: 'GET lead', call: (c, id) => c.get(`/leads/${id}`) },
  { name: 'GET messages', call: (c, id) => c.get(`/leads/${id}/messages`) },
  { name: 'GET calls', call: (c, id) => c.get(`/leads/${id}/calls`) },
  { name: 'GET activities', call: (c, id) => c.get(`/leads/${id}/activities`) },
  { name: 'note', call: (c, id) => c.post(`/leads/${id}/notes`, { body: 'Customer asked for a brochure.' }) },
  { name: 'log call', call: (c, id) => c.post(`/leads/${id}/calls`, { durationMin: 3, result: 'answered', summary: 'Interested in financing.' }) },
  { name: 'activity', call: (c, id) => c.post(`/leads/${id}/activities`, { type: 'visit', visitKind: 'showroom', summary: 'Test drive', dueAt: '2026-11-25T02:00:00Z' }) },
  { name: 'stage', call: (c, id, ctx) => c.post(`/leads/${id}/stage`, { stageId: ctx.next }) },
  { name: 'lost', call: (c, id) => c.post(`/leads/${id}/lost`, { reason: 'timing', notes: 'Next year.' }) },
  { name: 'claim', call: (c, id) => c.post(`/leads/${id}/claim`) },
  { name: 'assign', call: (c, id, ctx) => c.post(`/leads/${id}/assign`, { userId: ctx.otherAgentId }) },
];

const NF: Expect = [404, 'not_found'];
const NOT_CLAIMED: Expect = [422, 'lead_not_claimed'];
const CLOSED: Expect = [422, 'lead_closed'];
const TAKEN: Expect = [409, 'already_claimed'];
const FORBIDDEN: Expect = [403, 'forbidden'];

// Columns follow `endpoints`: GET lead, messages, calls, activities, note, log call, activity, stage, lost, claim, assign.
const agentTable: Record<LeadKind, Expect[]> = {
  own: [200, 200, 200, 200, 201, 201, 201, 200, 200, 200, FORBIDDEN],
  others: [NF, NF, NF, NF, NF, NF, NF, NF, NF, TAKEN, FORBIDDEN],
  unclaimed: [200, 200, 200, 200, 201, NOT_CLAIMED, NOT_CLAIMED, NOT_CLAIMED, NOT_CLAIMED, 200, FORBIDDEN],
  closedOwn: [200, 200, 200, 200, 201, CLOSED, CLOSED, CLOSED, CLOSED, CLOSED, FORBIDDEN],
  closedOthers: [NF, NF, NF, NF, NF, NF, NF, NF, NF, TAKEN, FORBIDDEN],
};
const supervisorTable: Record<LeadKind, Expect[]> = {
  own: [200, 200, 200, 200, 201, 201, 201, 200, 200, TAKEN, 200],
  others: [200, 200, 200, 200, 201, 201, 201, 200, 200, TAKEN, 200],
  unclaimed: [200, 200, 200, 200, 201, NOT_CLAIMED, NOT_CLAIMED, NOT_CLAIMED, NOT_CLAIMED, 200, 200],
  closedOwn: [200, 200, 200, 200, 201, CLOSED, CLOSED, CLOSED, CLOSED, TAKEN, 200],
  closedOthers: [200, 200, 200, 200, 201, CLOSED, CLOSED, CLOSED, CLOSED, TAKEN, 200],
};
const tables: Record<Caller, Record<LeadKind, Expect[]>> = { agent: agentTable, supervisor: supervisorTable, manager: supervisorTable };

const cells = (Object.keys(tables) as Caller[]).flatMap((caller) =>
  (Object.keys(tables[caller]) as LeadKind[]).flatMap((kind) =>
    endpoints.map((endpoint, index) => ({ caller, kind, endpoint, expected: tables[caller][kind][index] as Expect })),
  ),
);

describe.each(FEATURE_BACKENDS)('authorization matrix on %s', (backend) => {
  let env: TestHub;
  let users: Record<'agent' | 'otherAgent' | 'thirdAgent' | 'supervisor' | 'manager', { id: string; token: string }>;
  let stages: Record<string, string>;
  let notFoundBody: unknown;

  beforeAll(async () => {
    env = await startTestHub(backend);
    users = {
      agent: await createUser(env.db, 'agent-a', 'agent'),
      otherAgent: await createUser(env.db, 'agent-b', 'agent'),
      thirdAgent: await createUser(env.db, 'agent-c', 'agent'),
      supervisor: await createUser(env.db, 'sup', 'supervisor'),
      manager: await createUser(env.db, 'boss', 'manager'),
    };
    stages = await stageIds(env.db);
    notFoundBody = (await api(env.url, users.agent.token).get('/leads/987654321')).body;
  });
  afterAll(() => env.close());

  async function leadOf(kind: LeadKind): Promise<string> {
    const lead = await createLead(env.db);
    const owner = kind === 'own' || kind === 'closedOwn' ? users.agent.id : kind === 'unclaimed' ? null : users.otherAgent.id;
    const closed = kind === 'closedOwn' || kind === 'closedOthers';
    await env.db.query('update leads set user_id = $2, stage_id = $3, closed = $4, closed_at = case when $4 then now() else null end where id = $1', [
      lead.id,
      owner,
      closed ? stages['lost'] : stages['new'],
      closed,
    ]);
    return lead.id;
  }

  it.each(cells)('$caller · $kind lead · $endpoint.name', async ({ caller, kind, endpoint, expected }) => {
    const leadId = await leadOf(kind);
    const client = api(env.url, users[caller].token);
    const answer = await endpoint.call(client, leadId, { next: stages['qualified'] ?? '', otherAgentId: users.thirdAgent.id });
    const [status, code] = Array.isArray(expected) ? expected : [expected, undefined];
    expect({ status: answer.status, code: (answer.body as { error?: { code: string } })?.error?.code }).toEqual({ status, code });
    if (status === 404) expect(answer.body).toEqual(notFoundBody);
    if (status >= 400) expect(JSON.stringify(answer.body)).not.toMatch(/agent-b|otherAgent|"userId"/);
  });

  it('lists never leak another agent\'s leads, and scope=all is for supervisors and managers only', async () => {
    const others = await leadOf('others');
    const agent = api(env.url, users.agent.token);
    for (const scope of ['open', 'mine']) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string; userId: string | null }>; nextCursor: string | null } } = await agent.get(
          `/leads?scope=${scope}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        ids.push(...page.body.items.map((item) => item.id));
        expect(page.body.items.every((item) => item.userId === null || item.userId === users.agent.id)).toBe(true);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(ids).not.toContain(others);
    }
    expect(await agent.get('/leads?scope=all')).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(await agent.get(`/leads?scope=all&userId=${users.otherAgent.id}`)).toMatchObject({ status: 403 });
    for (const boss of [users.supervisor, users.manager]) {
      const all = await api(env.url, boss.token).get<{ items: Array<{ id: string }> }>(`/leads?scope=all&userId=${users.otherAgent.id}&limit=200`);
      expect(all.status).toBe(200);
      expect(all.body.items.map((item) => item.id)).toContain(others);
    }
  });

  it('call logs: agents see their own only', async () => {
    const lead = await leadOf('others');
    expect((await api(env.url, users.supervisor.token).post(`/leads/${lead}/calls`, { durationMin: 1, result: 'busy', summary: '' })).status).toBe(201);
    const mine = await api(env.url, users.agent.token).get<{ items: Array<{ userId: string; leadId: string }> }>('/call-logs?limit=200');
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((item) => item.userId === users.agent.id)).toBe(true);
    const filtered = await api(env.url, users.agent.token).get<{ items: unknown[] }>(`/call-logs?leadId=${lead}`);
    expect(filtered.body.items).toEqual([]);
    const all = await api(env.url, users.supervisor.token).get<{ items: Array<{ leadId: string }> }>(`/call-logs?leadId=${lead}`);
    expect(all.body.items).toHaveLength(1);
  });

  it('a request without a valid token is 401 on every lead endpoint', async () => {
    const leadId = await leadOf('unclaimed');
    for (const endpoint of endpoints) {
      const answer = await endpoint.call(api(env.url, 'not-a-token'), leadId, { next: stages['qualified'] ?? '', otherAgentId: users.agent.id });
      expect({ endpoint: endpoint.name, status: answer.status }).toEqual({ endpoint: endpoint.name, status: 401 });
    }
  });
});
