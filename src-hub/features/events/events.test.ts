import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeEventSchema } from '../../../src-shared/contract/sync.schema';
import { FEATURE_BACKENDS, api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { eventually, openEventStream, type TestEventStream } from './events.testkit';

type User = Awaited<ReturnType<typeof createUser>>;
const HEARTBEAT_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets notices of earlier writes drain, then answers how many change events the stream has had. */
async function settled(stream: TestEventStream): Promise<number> {
  await sleep(200);
  return stream.changes().length;
}

async function endsWithin(stream: TestEventStream, ms: number): Promise<boolean> {
  return Promise.race([stream.ended.then(() => true), sleep(ms).then(() => false)]);
}

describe.each(FEATURE_BACKENDS)('GET /events on %s', (backend) => {
  let env: TestHub;
  let agentA: User;
  let agentB: User;
  let supervisor: User;
  const streams: TestEventStream[] = [];
  const open = async (user: User, hub: TestHub = env): Promise<TestEventStream> => {
    const stream = await openEventStream(hub.url, user.token);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    env = await startTestHub(backend, { eventHeartbeatMs: HEARTBEAT_MS });
    agentA = await createUser(env.db, 'agent-a', 'agent', 'Agent A');
    agentB = await createUser(env.db, 'agent-b', 'agent', 'Agent B');
    supervisor = await createUser(env.db, 'super', 'supervisor');
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(() => env.close());

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
    const before = await settled(b);
    expect((await api(env.url, agentA.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    expect(await eventually(() => b.changes().length > before)).toBe(true);
    const event = b.changes().at(-1)!;
    expect(changeEventSchema.parse(JSON.parse(event.data ?? '')).cursor).not.toBe('');
  });

  it('does not wake agent B for a note on agent A’s lead, while a supervisor hears it', async () => {
    const lead = await createLead(env.db);
    expect((await api(env.url, agentA.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
    const b = await open(agentB);
    const s = await open(supervisor);
    const bBefore = await settled(b);
    const sBefore = s.changes().length;
    expect((await api(env.url, agentA.token).post(`/leads/${lead.id}/notes`, { body: 'Only for A' })).status).toBe(201);
    expect(await eventually(() => s.changes().length > sBefore)).toBe(true);
    await sleep(300);
    expect(b.changes().length).toBe(bBefore);
  });

  it('coalesces a burst into fewer events', async () => {
    const lead = await createLead(env.db);
    const b = await open(agentB);
    const before = await settled(b);
    const notes = Array.from({ length: 20 }, (_unused, index) => api(env.url, supervisor.token).post(`/leads/${lead.id}/notes`, { body: `burst ${index}` }));
    expect((await Promise.all(notes)).every((response) => response.status === 201)).toBe(true);
    expect(await eventually(() => b.changes().length > before)).toBe(true);
    await sleep(200);
    expect(b.changes().length - before).toBeLessThan(20);
  });

  it('sends heartbeats and ends the stream once the session is revoked', async () => {
    const leaver = await createUser(env.db, 'leaver', 'agent');
    const stream = await open(leaver);
    expect(await eventually(() => stream.pings().length >= 2)).toBe(true);
    expect(await endsWithin(stream, HEARTBEAT_MS)).toBe(false);
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
    const b = await openEventStream(hub2.url, agentB.token);
    try {
      const before = await settled(b);
      expect((await api(hub1.url, agentA.token).post(`/leads/${lead.id}/claim`)).status).toBe(200);
      expect(await eventually(() => b.changes().length > before)).toBe(true);
      // and hub 2's sync serves what hub 1 wrote
      const page = await api(hub2.url, agentA.token).get<{ leads: Array<{ id: string; userId: string | null }> }>('/sync?limit=1000');
      expect(page.body.leads.find((row) => row.id === lead.id)?.userId).toBe(agentA.id);
    } finally {
      b.close();
    }
  });
});
