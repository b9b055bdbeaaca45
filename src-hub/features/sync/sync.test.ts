import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordGlobalChange } from '../changes/change-log';
import { FEATURE_BACKENDS, api, createLead, createUser, olderTransactionsEnded, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { encodeSyncCursor } from './sync-cursor';
import { BOOT_LEAD_ROWS_PER_LIMIT } from './sync.service';
import { TestReplica, mentionedLeadIds } from './sync.testkit';

type User = Awaited<ReturnType<typeof createUser>>;
const NOW = new Date('2026-11-23T09:00:00Z');
const DAY = 24 * 60 * 60_000;

describe.each(FEATURE_BACKENDS)('GET /sync on %s', (backend) => {
  let env: TestHub;
  let agentA: User;
  let agentB: User;
  let supervisor: User;

  const ok = async (response: Promise<{ status: number; body: unknown }>): Promise<void> => {
    const { status, body } = await response;
    expect(status, JSON.stringify(body)).toBeLessThan(300);
  };
  const claim = (user: User, leadId: string) => ok(api(env.url, user.token).post(`/leads/${leadId}/claim`));
  const note = (user: User, leadId: string, body: string) => ok(api(env.url, user.token).post(`/leads/${leadId}/notes`, { body }));
  const assign = (user: User, leadId: string, userId: string | null) => ok(api(env.url, user.token).post(`/leads/${leadId}/assign`, { userId }));
  const lose = (user: User, leadId: string) => ok(api(env.url, user.token).post(`/leads/${leadId}/lost`, { reason: 'price', notes: '' }));
  const work = async (user: User, leadId: string): Promise<void> => {
    const client = api(env.url, user.token);
    await ok(client.post(`/leads/${leadId}/calls`, { durationMin: 3, result: 'answered', summary: 'Talked prices' }));
    await ok(client.post(`/leads/${leadId}/activities`, { type: 'meeting', summary: 'Showroom tour', dueAt: '2026-11-30T09:00:00Z' }));
  };
  const replica = (user: User) => new TestReplica(env.url, user.token, () => olderTransactionsEnded(env.db));

  beforeAll(async () => {
    env = await startTestHub(backend);
    agentA = await createUser(env.db, 'agent-a', 'agent', 'Agent A');
    agentB = await createUser(env.db, 'agent-b', 'agent', 'Agent B');
    supervisor = await createUser(env.db, 'super', 'supervisor', 'Sue Pervisor');
  });
  afterAll(() => env.close());

  describe('bootstrap', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      for (const name of ['pool', 'ofA', 'ofB', 'closedOfA', 'oldClosedOfA', 'closedOfB']) ids[name] = (await createLead(env.db)).id;
      await claim(agentA, ids['ofA']!);
      await note(agentA, ids['ofA']!, 'Private to A');
      await work(agentA, ids['ofA']!);
      await claim(agentB, ids['ofB']!);
      await note(agentB, ids['ofB']!, 'Private to B');
      await work(agentB, ids['ofB']!);
      for (const [owner, lead] of [[agentA, 'closedOfA'], [agentA, 'oldClosedOfA'], [agentB, 'closedOfB']] as const) await claim(owner, ids[lead]!);
      env.clock.set(new Date(NOW.getTime() - 91 * DAY));
      await lose(agentA, ids['oldClosedOfA']!);
      env.clock.set(new Date(NOW.getTime() - 89 * DAY));
      await lose(agentA, ids['closedOfA']!);
      env.clock.set(NOW);
      await lose(agentB, ids['closedOfB']!);
    });

    it('agents get the pool and their own open and recently closed leads, never another agent’s or its children', async () => {
      const a = replica(agentA);
      await a.pull();
      expect([...a.leads.keys()]).toEqual(expect.arrayContaining([ids['pool'], ids['ofA'], ids['closedOfA']]));
      for (const hidden of ['ofB', 'oldClosedOfA', 'closedOfB']) expect(a.everMentioned().has(ids[hidden]!), hidden).toBe(false);
      expect(a.messagesOf(ids['ofA']!).map((message) => message.body)).toContain('Private to A');
      expect([...a.callLogs.values()].map((call) => call.leadId)).toContain(ids['ofA']);
      expect([...a.activities.values()].map((activity) => activity.leadId)).toContain(ids['ofA']);
      expect([...a.messages.values()].some((message) => message.body === 'Private to B')).toBe(false);

      const b = replica(agentB);
      await b.pull();
      expect([...b.leads.keys()]).toEqual(expect.arrayContaining([ids['pool'], ids['ofB'], ids['closedOfB']]));
      for (const hidden of ['ofA', 'closedOfA', 'oldClosedOfA']) expect(b.everMentioned().has(ids[hidden]!), hidden).toBe(false);
    });

    it('supervisors get every open lead and their own closed ones, not other people’s closed leads', async () => {
      const s = replica(supervisor);
      await s.pull();
      expect([...s.leads.keys()]).toEqual(expect.arrayContaining([ids['pool'], ids['ofA'], ids['ofB']]));
      for (const hidden of ['closedOfA', 'oldClosedOfA', 'closedOfB']) expect(s.leads.has(ids[hidden]!), hidden).toBe(false);
      // another agent's lead: its row, not its history (read from the hub when opened)
      expect(s.whole.has(ids['ofB']!)).toBe(false);
      expect(s.messagesOf(ids['ofB']!)).toEqual([]);
    });

    it('brings every lead row first, then the whole history of the own leads only, each named whole', async () => {
      const a = replica(agentA);
      await a.pull();
      expect([...a.whole].sort()).toEqual([ids['ofA']!, ids['closedOfA']!].sort());
      expect(a.leads.has(ids['pool']!)).toBe(true);
      expect(a.whole.has(ids['pool']!)).toBe(false);
      const firstChildren = a.pages.findIndex((page) => page.messages.length + page.callLogs.length + page.activities.length > 0);
      const lastLeadRows = a.pages.findLastIndex((page) => page.leads.length > 0);
      expect(firstChildren).toBeGreaterThan(lastLeadRows);
      for (const page of a.pages) for (const child of [...page.messages, ...page.callLogs, ...page.activities]) expect(page.wholeLeadIds).toContain(child.leadId);
    });

    it('pages by leads with hasMore (lead rows several limits a page, histories one limit); configuration on the first page, without secrets', async () => {
      const whole = replica(agentA);
      await whole.pull();
      const paged = replica(agentA);
      const pages = await paged.pull(1);
      const rowPages = pages.filter((page) => page.leads.length > 0);
      expect(rowPages.length).toBe(Math.ceil(whole.leads.size / BOOT_LEAD_ROWS_PER_LIMIT));
      for (const page of rowPages) expect(page.leads.length).toBeLessThanOrEqual(BOOT_LEAD_ROWS_PER_LIMIT);
      for (const page of pages.slice(0, -1)) expect(page.hasMore).toBe(true);
      for (const page of pages) expect((page.wholeLeadIds ?? []).length).toBeLessThanOrEqual(1);
      expect(pages[0]!.stages.length).toBeGreaterThan(0);
      expect(pages[0]!.users.map((user) => user.id)).toEqual(expect.arrayContaining([agentA.id, agentB.id, supervisor.id]));
      expect(JSON.stringify(pages[0]!.users)).not.toMatch(/password|hash|epoch/i);
      for (const page of pages.slice(1)) expect(page.stages).toEqual([]);
      expect([...paged.leads.keys()].sort()).toEqual([...whole.leads.keys()].sort());
      expect([...paged.whole].sort()).toEqual([...whole.whole].sort());
      expect([...paged.messages.keys()].sort()).toEqual([...whole.messages.keys()].sort());
    });
  });

  describe('an app before lazy history (no history=own)', () => {
    it('gets every lead with all its children, page by page, as before', async () => {
      const lead = await createLead(env.db);
      await note(supervisor, lead.id, 'Kept for older apps');
      const older = new TestReplica(env.url, agentA.token, () => olderTransactionsEnded(env.db), 'all');
      const pages = await older.pull(1);
      for (const page of pages) {
        expect(page.leads.length).toBeLessThanOrEqual(1);
        const leadIds = new Set(page.leads.map((row) => row.id));
        for (const child of [...page.messages, ...page.callLogs, ...page.activities]) expect(leadIds.has(child.leadId)).toBe(true);
      }
      expect(older.messagesOf(lead.id).map((message) => message.body)).toContain('Kept for older apps');
      const lazy = replica(agentA);
      await lazy.pull();
      expect([...older.leads.keys()].sort()).toEqual([...lazy.leads.keys()].sort());
      expect(lazy.messagesOf(lead.id)).toEqual([]);
    });
  });

  describe('cursors', () => {
    const garbage = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it.each([
      ['not base64url', 'not a cursor!'],
      ['not JSON', Buffer.from('{{').toString('base64url')],
      ['a foreign shape', garbage({ v: 1, e: 1, p: 'c', x: 'DROP TABLE', s: '0' })],
      ['a keyset cursor of /leads', garbage({ createdAt: '2026-01-01T00:00:00Z', id: '1' })],
      ['numbers out of the database’s range', garbage({ v: 1, e: 1, p: 'c', x: '99999999999999999999', s: '99999999999999999999' })],
    ])('answers 400 invalid_input for %s', async (_what, cursor) => {
      const response = await api(env.url, agentA.token).get<{ error: { code: string; message: string } }>(`/sync?cursor=${encodeURIComponent(cursor)}`);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_input');
      expect(response.body.error.message).toContain('cursor');
    });

    it('refuses a limit outside the contract and answers 401 without a token', async () => {
      expect((await api(env.url, agentA.token).get('/sync?limit=0')).status).toBe(400);
      expect((await api(env.url, agentA.token).get('/sync?limit=100000')).status).toBe(400);
      expect((await api(env.url).get('/sync')).status).toBe(401);
    });

    it('answers reset for a cursor of another epoch', async () => {
      const stale = encodeSyncCursor({ phase: 'change', epoch: 999, xid: '1', seq: '0' });
      const response = await api(env.url, agentA.token).get<{ reset: boolean; leads: unknown[] }>(`/sync?cursor=${stale}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ reset: true, leads: [], hasMore: false });
    });
  });

  describe('change mode', () => {
    it('a claim by another agent removes the lead from B’s replica and keeps it, claimed, in A’s', async () => {
      const lead = await createLead(env.db);
      const a = replica(agentA);
      const b = replica(agentB);
      await a.pull();
      await b.pull();
      expect(b.leads.has(lead.id)).toBe(true);
      await claim(agentA, lead.id);
      const [bPage] = await b.pull();
      expect(bPage!.removedLeadIds).toContain(lead.id);
      expect(b.leads.has(lead.id)).toBe(false);
      expect(b.messagesOf(lead.id)).toEqual([]);
      await a.pull();
      expect(a.leads.get(lead.id)?.userId).toBe(agentA.id);
      expect(a.messagesOf(lead.id).map((message) => message.kind)).toContain('tracking');
    });

    it('a pool lead held without its history arrives whole when the agent claims it', async () => {
      const lead = await createLead(env.db);
      await note(supervisor, lead.id, 'Called from the web form');
      const a = replica(agentA);
      await a.pull();
      expect(a.leads.has(lead.id)).toBe(true);
      expect(a.whole.has(lead.id)).toBe(false);
      expect(a.messagesOf(lead.id)).toEqual([]);
      await claim(agentA, lead.id);
      await a.pull();
      expect(a.whole.has(lead.id)).toBe(true);
      expect(a.messagesOf(lead.id).map((message) => message.body)).toContain('Called from the web form');
    });

    it('a reassignment brings the lead to the new owner with all its earlier messages, calls and activities', async () => {
      const lead = await createLead(env.db);
      await claim(agentA, lead.id);
      await note(agentA, lead.id, 'Customer prefers mornings');
      await work(agentA, lead.id);
      const a = replica(agentA);
      const b = replica(agentB);
      await a.pull();
      await b.pull();
      expect(b.everMentioned().has(lead.id)).toBe(false);
      await assign(supervisor, lead.id, agentB.id);
      await b.pull();
      expect(b.leads.get(lead.id)?.userId).toBe(agentB.id);
      expect(b.messagesOf(lead.id).map((message) => message.body)).toContain('Customer prefers mornings');
      expect([...b.callLogs.values()].filter((call) => call.leadId === lead.id)).toHaveLength(1);
      expect([...b.activities.values()].filter((activity) => activity.leadId === lead.id)).toEqual([
        expect.objectContaining({ userId: agentB.id, summary: 'Showroom tour' }),
      ]);
      const [aPage] = await a.pull();
      expect(aPage!.removedLeadIds).toContain(lead.id);
      expect(a.leads.has(lead.id)).toBe(false);
    });

    it('notes arrive as upserts for those who see the lead, and reveal nothing to anyone else', async () => {
      const lead = await createLead(env.db);
      await claim(agentA, lead.id);
      const a = replica(agentA);
      const b = replica(agentB);
      const s = replica(supervisor);
      for (const client of [a, b, s]) await client.pull();
      await note(agentA, lead.id, 'Second visit booked');
      const [aPage] = await a.pull();
      expect(aPage!.messages.map((message) => message.body)).toEqual(['Second visit booked']);
      expect(aPage!.leads.map((row) => row.id)).toEqual([lead.id]);
      await s.pull();
      expect(s.messagesOf(lead.id).map((message) => message.body)).toContain('Second visit booked');
      expect(mentionedLeadIds(await b.pull()).has(lead.id)).toBe(false);
    });

    it('a lead out of sight when a lagging page was served comes back whole, with the chatter of that page', async () => {
      const a = replica(agentA);
      await a.pull();
      const lastSeq = async (): Promise<number> => Number((await env.db.query<{ seq: string }>('select coalesce(max(seq), 0)::text as seq from changes'))[0]!.seq);
      const before = await lastSeq();
      const lead = await createLead(env.db);
      await note(agentA, lead.id, 'Asked for the brochure');
      const throughFirstNote = (await lastSeq()) - before;
      await note(agentA, lead.id, 'Brochure sent');
      await claim(agentB, lead.id);
      // A's page holds the creation and the first note but is served while B holds the lead: A does not get it.
      const lagging = await a.pullOnce(throughFirstNote);
      expect(lagging.hasMore).toBe(true);
      expect(a.leads.has(lead.id)).toBe(false);
      await assign(supervisor, lead.id, null);
      // The next page holds only the second note; the lead is back in the pool, so it must come whole.
      const back = await a.pullOnce(1);
      expect(back.leads.map((row) => row.id)).toEqual([lead.id]);
      expect(a.messagesOf(lead.id).map((message) => message.body)).toEqual(expect.arrayContaining(['Asked for the brochure', 'Brochure sent']));
      await a.pull();
      expect(a.leads.get(lead.id)?.userId).toBeNull();
    });

    it('a closed lead stays with its owner and leaves a supervisor’s replica', async () => {
      const lead = await createLead(env.db);
      await claim(agentA, lead.id);
      const a = replica(agentA);
      const s = replica(supervisor);
      await a.pull();
      await s.pull();
      await lose(agentA, lead.id);
      await a.pull();
      expect(a.leads.get(lead.id)?.lostReason).toBe('price');
      await s.pull();
      expect(s.leads.has(lead.id)).toBe(false);
    });

    it('a role change answers reset; the new bootstrap follows the new role', async () => {
      const c = await createUser(env.db, 'agent-c', 'agent');
      const claimedByA = await createLead(env.db);
      await claim(agentA, claimedByA.id);
      const client = replica(c);
      await client.pull();
      expect(client.leads.has(claimedByA.id)).toBe(false);
      await env.db.query(`update users set role = 'supervisor', sync_epoch = sync_epoch + 1 where id = $1`, [c.id]);
      const pages = await client.pull();
      expect(pages[0]!.reset).toBe(true);
      expect(client.leads.has(claimedByA.id)).toBe(true);
      expect(pages.at(-1)!.reset).toBe(false);
    });

    it('a reset row in the log answers reset once; after the new bootstrap sync goes on normally', async () => {
      const client = replica(agentB);
      await client.pull();
      await env.db.transaction((tx) => recordGlobalChange(tx, 'reset', null));
      const pages = await client.pull();
      expect(pages[0]!.reset).toBe(true);
      expect(pages.slice(1).some((page) => page.reset)).toBe(false);
      const lead = await createLead(env.db);
      const [next] = await client.pull();
      expect(next!.reset).toBe(false);
      expect(client.leads.has(lead.id)).toBe(true);
    });
  });
});
