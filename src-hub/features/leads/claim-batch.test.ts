import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { FEATURE_BACKENDS, api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { CLAIM_LEADS_SQL, ClaimBatches, type ClaimRequest } from './claim-batch';

describe.each(FEATURE_BACKENDS)('claim batches on %s', (backend) => {
  let env: TestHub;
  let agents: Array<Awaited<ReturnType<typeof createUser>>>;

  beforeAll(async () => {
    env = await startTestHub(backend);
    agents = await Promise.all(Array.from({ length: 12 }, (_unused, index) => createUser(env.db, `batch-agent-${index}`, 'agent', `Batch Agent ${index}`)));
  });
  afterAll(() => env.close());

  /** The hub's database, recording how many claims each claim statement carried. */
  function recording(): { db: Database; sizes: number[] } {
    const sizes: number[] = [];
    const db: Database = {
      ...env.db,
      query: (text, params, options) => {
        if (text === CLAIM_LEADS_SQL) sizes.push((params?.[0] as unknown[]).length);
        return env.db.query(text, params, options);
      },
    };
    return { db, sizes };
  }

  const request = (leadId: string, userId: string): ClaimRequest => ({ leadId, userId, at: env.clock.now(), body: 'Assigned Agent: (none) → Batch', tracking: '[]' });
  const count = async (sql: string, params: unknown[]) => Number((await env.db.query<{ count: string }>(sql, params))[0]?.count);

  it('claims asked for while one is being written go together in the next statement, each with its own tracking entry and change rows', async () => {
    const { db, sizes } = recording();
    const batches = new ClaimBatches(db, { info: () => undefined });
    const leads = await Promise.all(agents.map(() => createLead(env.db)));
    const rows = await Promise.all(leads.map((lead, index) => batches.claim(request(lead.id, agents[index]?.id ?? ''))));
    expect(sizes).toEqual([1, leads.length - 1]);
    expect(rows.map((row) => row?.user_id)).toEqual(agents.map((agent) => agent.id));
    for (const [index, lead] of leads.entries()) {
      expect(await count('select count(*) as count from leads where id = $1 and user_id = $2', [lead.id, agents[index]?.id])).toBe(1);
      expect(await count(`select count(*) as count from messages where lead_id = $1 and kind = 'tracking' and author_id = $2`, [lead.id, agents[index]?.id])).toBe(1);
      expect(await count(`select count(*) as count from changes where lead_id = $1 and entity = 'lead' and new_user_id = $2`, [lead.id, agents[index]?.id])).toBe(1);
      expect(await count(`select count(*) as count from changes c join messages m on m.id = c.entity_id where c.entity = 'message' and m.lead_id = $1 and m.kind = 'tracking'`, [lead.id])).toBe(1);
    }
  });

  it('writes a lead asked for twice in one moment once: the first claimer wins, the second learns it did not', async () => {
    const { db, sizes } = recording();
    const batches = new ClaimBatches(db, { info: () => undefined });
    const [first, shared] = [await createLead(env.db), await createLead(env.db)];
    const [a, b, c] = agents;
    const answers = await Promise.all([batches.claim(request(first.id, a?.id ?? '')), batches.claim(request(shared.id, b?.id ?? '')), batches.claim(request(shared.id, c?.id ?? ''))]);
    expect(sizes).toEqual([1, 1]);
    expect(answers.map((row) => row?.user_id ?? null)).toEqual([a?.id, b?.id, null]);
    expect(await count(`select count(*) as count from messages where lead_id = $1 and kind = 'tracking'`, [shared.id])).toBe(1);
  });

  it('sends the next statement before it answers the claimers of the one written, so the database does not wait on the replies', async () => {
    const { db, sizes } = recording();
    const batches = new ClaimBatches(db, { info: () => undefined });
    const [first, second, third] = await Promise.all([createLead(env.db), createLead(env.db), createLead(env.db)]);
    const [a, b, c] = agents;
    const statementsWhenAnswered: number[] = [];
    const heard = <T>(row: T): T => {
      statementsWhenAnswered.push(sizes.length);
      return row;
    };
    const answers = await Promise.all([
      batches.claim(request(first.id, a?.id ?? '')).then(heard),
      batches.claim(request(second.id, b?.id ?? '')).then(heard),
      batches.claim(request(third.id, c?.id ?? '')).then(heard),
    ]);
    expect(sizes).toEqual([1, 2]);
    // The first claim's statement was written alone; when its claimer heard, the other two's had gone out already.
    expect(statementsWhenAnswered).toEqual([2, 2, 2]);
    expect(answers.map((row) => row?.user_id)).toEqual([a?.id, b?.id, c?.id]);
  });

  it('answers a lead id written with leading zeros as the lead it names', async () => {
    const batches = new ClaimBatches(env.db, { info: () => undefined });
    const lead = await createLead(env.db);
    const row = await batches.claim(request(`00${lead.id}`, agents[0]?.id ?? ''));
    expect(row?.id).toBe(lead.id);
  });

  it('claims nothing for an id that is not one, without a statement', async () => {
    const { db, sizes } = recording();
    const batches = new ClaimBatches(db, { info: () => undefined });
    expect(await Promise.all(['', 'x', '-1', '1e3', '1'.repeat(19)].map((leadId) => batches.claim(request(leadId, agents[0]?.id ?? ''))))).toEqual([null, null, null, null, null]);
    expect(sizes).toEqual([]);
  });

  it('tries each claim of a failed statement alone, so only the claim that cannot be written fails', async () => {
    const { db, sizes } = recording();
    const said: string[] = [];
    const batches = new ClaimBatches(db, { info: (message) => said.push(message) });
    const leads = await Promise.all(Array.from({ length: 4 }, () => createLead(env.db)));
    const [a, b] = agents;
    const nobody = '987654321'; // no such user: the claim breaks the foreign key, and so its statement
    const answers = await Promise.allSettled([
      batches.claim(request(leads[0]?.id ?? '', a?.id ?? '')),
      batches.claim(request(leads[1]?.id ?? '', a?.id ?? '')),
      batches.claim(request(leads[2]?.id ?? '', nobody)),
      batches.claim(request(leads[3]?.id ?? '', b?.id ?? '')),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(answers.map((answer) => (answer.status === 'fulfilled' ? answer.value?.user_id : null))).toEqual([a?.id, a?.id, null, b?.id]);
    expect(sizes).toEqual([1, 3, 1, 1, 1]);
    expect(said).toEqual(['claims: a statement of 3 claims failed; each is tried alone']);
    expect(await count('select count(*) as count from leads where id = $1 and user_id is null', [leads[2]?.id])).toBe(1);
    expect(await count(`select count(*) as count from messages where lead_id = $1 and kind = 'tracking'`, [leads[2]?.id])).toBe(0);
  });

  it('over HTTP, agents claiming distinct leads at once each get their own lead', async () => {
    const leads = await Promise.all(agents.map(() => createLead(env.db)));
    const answers = await Promise.all(leads.map((lead, index) => api(env.url, agents[index]?.token).post<{ id: string; userId: string }>(`/leads/${lead.id}/claim`)));
    expect(answers.map((answer) => [answer.status, answer.body.id, answer.body.userId])).toEqual(leads.map((lead, index) => [200, lead.id, agents[index]?.id]));
  });
});
