import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { cursors, eventually, openEventStream, tapChanges, type ChangeTap, type TestEventStream } from './events.testkit';

type User = Awaited<ReturnType<typeof createUser>>;
const HEARTBEAT_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function endsWithin(stream: TestEventStream, ms: number): Promise<boolean> {
  return Promise.race([stream.ended.then(() => true), sleep(ms).then(() => false)]);
}

/**
 * What a negative check waits for instead of a pause: a later change that must wake the stream. Notices reach
 * the hub in commit order, so once the stream has an event counted at or after it, the hub has handled every
 * change before it.
 */
async function hears(stream: TestEventStream, notice: number): Promise<boolean> {
  return eventually(() => cursors(stream).some((cursor) => cursor >= notice));
}

describe.each(FEATURE_BACKENDS)('GET /events on %s', (backend) => {
  let env: TestHub;
  let agentA: User;
  let agentB: User;
  let supervisor: User;
  let tap: ChangeTap;
  let everything: TestEventStream;
  const streams: TestEventStream[] = [];
  const open = async (user: User, hub: TestHub = env): Promise<TestEventStream> => {
    const stream = await openEventStream(hub.url, user.token);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    // No coalescing: every change that wakes a user is an event of its own, carrying that change's number.
    env = await startTestHub(backend, { eventHeartbeatMs: HEARTBEAT_MS, eventCoalesceMs: 0 });
    agentA = await createUser(env.db, 'agent-a', 'agent', 'Agent A');
    agentB = await createUser(env.db, 'agent-b', 'agent', 'Agent B');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    tap = await tapChanges(env.db);
    // The first stream starts the hub's LISTEN: from here on, the tap and the hub count the same notices.
    everything = await openEventStream(env.url, supervisor.token);
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(async () => {
    everything.close();
    await tap.stop();
    await env.close();
  });

  it('is an uncached event stream, for signed-in users only', async () => {
    const stream = await open(agentA);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-cache');
    const anonymous = await api(env.url).get<{ error: { code: string } }>('/events');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
  });

  it('wakes agent B when agent A claims a pool lead', async () => {
    const lead = await createLead(env.db);
    const b = await open(agentB);
    expect((await api(env.url, agentA.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    const claim = await tap.numberOf((notice) => notice.leadId === lead.id && notice.users.includes(agentA.id));
    expect(await eventually(() => cursors(b).includes(claim))).toBe(true);
  });

  it('does not wake agent B for a note on agent A’s lead, while a supervisor hears it', async () => {
    const lead = await createLead(env.db);
    expect((await api(env.url, agentA.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    const b = await open(agentB);
    const s = await open(supervisor);
    expect((await api(env.url, agentA.token).post(`/leads/${lead.id}/notes`, { body: 'Only for A' })).status).toBe(201);
    const later = await createLead(env.db); // a new pool lead: it wakes every agent
    const note = await tap.numberOf((notice) => notice.leadId === lead.id && !notice.pool);
    const marker = await tap.numberOf((notice) => notice.leadId === later.id);
    expect(note).toBeLessThan(marker);
    expect(await eventually(() => cursors(s).includes(note))).toBe(true);
    // B hears the later change, so the hub has handled the note by now: B was not woken by it.
    expect(await eventually(() => cursors(b).includes(marker))).toBe(true);
    expect(cursors(b)).not.toContain(note);
  });

  it('counts the notices as the tap does: the supervisor hears each one, numbered in order', async () => {
    const lead = await createLead(env.db);
    const heard = await tap.numberOf((notice) => notice.leadId === lead.id);
    expect(await hears(everything, heard)).toBe(true);
    expect(cursors(everything)).toEqual(Array.from({ length: cursors(everything).length }, (_unused, index) => index + 1));
  });

  it('coalesces a burst into fewer events', async () => {
    // A hub of its own with the default coalescing.
    const hub = await startTestHub(backend, { eventHeartbeatMs: HEARTBEAT_MS });
    const watcher = await createUser(hub.db, 'watcher', 'agent');
    const boss = await createUser(hub.db, 'boss', 'supervisor');
    const lead = await createLead(hub.db);
    const burstTap = await tapChanges(hub.db);
    const b = await openEventStream(hub.url, watcher.token);
    try {
      const notes = Array.from({ length: 20 }, (_unused, index) => api(hub.url, boss.token).post(`/leads/${lead.id}/notes`, { body: `burst ${index}` }));
      expect((await Promise.all(notes)).every((response) => response.status === 201)).toBe(true);
      const later = await createLead(hub.db);
      expect(await hears(b, await burstTap.numberOf((notice) => notice.leadId === later.id))).toBe(true);
      expect(burstTap.notices.filter((notice) => notice?.leadId === lead.id)).toHaveLength(20);
      // Each of the 21 changes woke the watcher (a pool lead); one event each would be 21.
      expect(b.changes().length).toBeLessThan(21);
    } finally {
      b.close();
      await burstTap.stop();
      await hub.close();
    }
  });

  it('sends heartbeats and ends the stream once the session is revoked', async () => {
    const leaver = await createUser(env.db, 'leaver', 'agent');
    const stream = await open(leaver);
    let ended = false;
    void stream.ended.then(() => (ended = true));
    // Each heartbeat re-reads the session: a third ping means the first two re-reads kept the stream open.
    expect(await eventually(() => stream.pings().length >= 3)).toBe(true);
    expect(ended).toBe(false);
    expect((await api(env.url, leaver.token).post('/auth/logout')).status).toBe(204);
    expect(await endsWithin(stream, 20 * HEARTBEAT_MS)).toBe(true);
  });

  it('ends open streams when the hub closes, instead of keeping it from closing', async () => {
    const other = await startTestHub(backend, { eventHeartbeatMs: HEARTBEAT_MS });
    const user = await createUser(other.db, 'someone', 'agent');
    const stream = await openEventStream(other.url, user.token);
    const closing = other.close().then(() => true);
    expect(await Promise.race([closing, sleep(5000).then(() => false)])).toBe(true);
    expect(await endsWithin(stream, 1000)).toBe(true);
  });
});

describe('GET /events across two hubs sharing one PostgreSQL', () => {
  let hub1: TestHub;
  let hub2: TestHub;
  let agentA: User;
  let agentB: User;

  beforeAll(async () => {
    hub1 = await startTestHub('postgres');
    hub2 = await startTestHub('postgres', {}, { databaseUrl: hub1.databaseUrl! });
    agentA = await createUser(hub1.db, 'agent-a', 'agent');
    agentB = await createUser(hub1.db, 'agent-b', 'agent');
  });
  afterAll(async () => {
    await hub2.close();
    await hub1.close();
  });

  it('a claim through hub 1 reaches agent B listening on hub 2', async () => {
    const lead = await createLead(hub1.db);
    const tap = await tapChanges(hub1.db);
    // Hub 2's first stream: its LISTEN starts after the tap's, so both count the same notices.
    const b = await openEventStream(hub2.url, agentB.token);
    try {
      expect((await api(hub1.url, agentA.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
      const claim = await tap.numberOf((notice) => notice.leadId === lead.id && notice.users.includes(agentA.id));
      expect(await hears(b, claim)).toBe(true);
      // and hub 2's sync serves what hub 1 wrote
      const page = await api(hub2.url, agentA.token).get<{ leads: Array<{ id: string; userId: string | null }> }>('/sync?limit=1000');
      expect(page.body.leads.find((row) => row.id === lead.id)?.userId).toBe(agentA.id);
    } finally {
      b.close();
      await tap.stop();
    }
  });
});
