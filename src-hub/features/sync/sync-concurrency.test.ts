import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMessage } from '../chatter/messages.repo';
import { api, createLead, createUser, horizonHolders, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { decodeSyncCursor } from './sync-cursor';
import { TestReplica } from './sync.testkit';

type User = Awaited<ReturnType<typeof createUser>>;
const POOL = { userId: null, closed: false };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Pulls until `done` holds: sync owes eventual delivery, not delivery on one pull. xmin is cluster-wide: a
 * transaction in another database of the server may hold it back for a moment; past the time limit the error
 * names the sessions holding it.
 */
async function pullUntil(env: TestHub, replica: TestReplica, done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await replica.pull();
    if (done()) return;
    if (Date.now() > deadline) throw new Error(`Not delivered after ${timeoutMs / 1000} s of pulls; the horizon's holders: ${await horizonHolders(env.db)}`);
    await sleep(20);
  }
}

// Only PostgreSQL runs transactions side by side (PGlite has one connection); these are its tests.
describe('GET /sync with concurrent writers on postgres', () => {
  let env: TestHub;
  let supervisor: User;
  let agent: User;

  beforeAll(async () => {
    env = await startTestHub('postgres');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    agent = await createUser(env.db, 'agent', 'agent');
  });
  afterAll(() => env.close());

  it('neither serves nor passes a transaction still open when later ones commit, and serves it once it commits', async () => {
    const lateLead = await createLead(env.db);
    const busyLead = await createLead(env.db);
    const puller = new TestReplica(env.url, supervisor.token);
    await puller.pull();

    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    let lateXid = '';
    const late = env.db.transaction(async (tx) => {
      const message = await insertMessage(tx, { leadId: lateLead.id, kind: 'note', body: 'late note', authorId: supervisor.id }, POOL, env.clock.now());
      lateXid = (await tx.query<{ xid: string }>('select pg_current_xact_id()::text as xid'))[0]!.xid;
      entered();
      await gate;
      return message;
    });
    await inside;
    const early: string[] = [];
    for (const body of ['early 1', 'early 2', 'early 3']) {
      const response = await api(env.url, agent.token).post<{ id: string }>(`/leads/${busyLead.id}/notes`, { body });
      expect(response.status).toBe(201);
      early.push(response.body.id);
    }

    const heldPages = await puller.pull();
    const bodies = () => [...puller.messages.values()].map((message) => message.body);
    expect(bodies()).not.toContain('late note');
    // The early notes are committed but wait behind the open transaction: the page says so (no event will).
    expect(heldPages.at(-1)?.heldBack).toBe(true);
    // a bootstrap taken meanwhile cannot see the open transaction either; it must replay it later
    const newcomer = new TestReplica(env.url, supervisor.token);
    await newcomer.pull();
    expect(newcomer.leads.has(lateLead.id)).toBe(true);
    expect(newcomer.messagesOf(lateLead.id).map((message) => message.body)).not.toContain('late note');
    const held = decodeSyncCursor(puller.cursor!);
    expect(held?.phase).toBe('change');
    expect(BigInt(held?.phase === 'change' ? held.xid : '0')).toBeLessThanOrEqual(BigInt(lateXid));

    release();
    const lateMessage = await late;
    await pullUntil(env, puller, () => [lateMessage.id, ...early].every((id) => puller.messages.has(id)));
    expect(bodies()).toEqual(expect.arrayContaining(['late note', 'early 1', 'early 2', 'early 3']));
    // Nothing held back any more: a pull says so (another database's transaction may hold xmin a moment longer).
    const settled = async () => (await puller.pull()).at(-1)?.heldBack ?? false;
    await expect.poll(settled, { timeout: 15_000, interval: 20 }).toBe(false);
    await pullUntil(env, newcomer, () => newcomer.messages.has(lateMessage.id));
    expect(newcomer.messages.has(lateMessage.id)).toBe(true);

    // The case a seq cursor gets wrong really happened: the late change has the lowest sequence number.
    const seqs = await env.db.query<{ entity_id: string; seq: string }>(`select entity_id, seq from changes where entity = 'message' and entity_id = any($1::bigint[])`, [
      [lateMessage.id, ...early],
    ]);
    const seqOf = new Map(seqs.map((row) => [String(row.entity_id), BigInt(row.seq)]));
    for (const id of early) expect(seqOf.get(lateMessage.id)! < seqOf.get(id)!).toBe(true);
  });

  it('random concurrent writers and reassignments: the pulled union is everything written, and replicas end exact', async () => {
    const other = await createUser(env.db, 'other', 'agent');
    const leads = [await createLead(env.db), await createLead(env.db), await createLead(env.db)];
    const targets = { agent: agent.id, other: other.id, pool: null } as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 60, maxLength: 60 }),
        fc.array(fc.constantFrom<keyof typeof targets>('agent', 'other', 'pool'), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        async (pauses, moves, pageSize) => {
          const supervisorReplica = new TestReplica(env.url, supervisor.token);
          const agentReplica = new TestReplica(env.url, agent.token);
          await supervisorReplica.pull();
          await agentReplica.pull();
          const written: string[] = [];
          let writing = true;
          let pullsWhileWriting = 0;
          const puller = async (replica: TestReplica): Promise<void> => {
            while (writing) {
              await replica.pullOnce(pageSize);
              pullsWhileWriting++;
              await sleep(2);
            }
          };
          const pulling = Promise.all([puller(supervisorReplica), puller(agentReplica)]);
          const queue = pauses.map((pause, index) => ({ pause, index }));
          const writer = async (worker: number): Promise<void> => {
            for (let job = queue.shift(); job; job = queue.shift()) {
              const { pause, index } = job;
              const message = await env.db.transaction(async (tx) => {
                const lead = leads[index % leads.length]!;
                const row = await insertMessage(tx, { leadId: lead.id, kind: 'note', body: `w${worker} #${index}`, authorId: supervisor.id }, POOL, env.clock.now());
                await sleep(pause);
                return row;
              });
              written.push(message.id);
            }
          };
          const reassigner = async (): Promise<void> => {
            for (const [index, move] of moves.entries()) {
              const response = await api(env.url, supervisor.token).post(`/leads/${leads[index % leads.length]!.id}/assign`, { userId: targets[move] });
              expect(response.status).toBe(200);
              await sleep(pauses[index] ?? 0);
            }
          };
          try {
            await Promise.all([...Array.from({ length: 8 }, (_unused, worker) => writer(worker)), reassigner()]);
          } finally {
            // a writer's failure must stop the pullers too: they would pull until the hub is gone
            writing = false;
            await pulling;
          }

          await pullUntil(env, supervisorReplica, () => written.every((id) => supervisorReplica.messages.has(id)));
          expect(written.filter((id) => !supervisorReplica.messages.has(id))).toEqual([]);
          expect(pullsWhileWriting).toBeGreaterThan(3);
          // The agent's replica is exactly its window: visible leads; every message written since its bootstrap on
          // them, and no other; every message of a lead it holds whole (its own, at least).
          const visible = await env.db.query<{ id: string; user_id: string | null }>('select id, user_id from leads where not closed and (user_id is null or user_id = $1)', [agent.id]);
          const visibleIds = visible.map((row) => row.id).sort();
          const messagesOf = async (leadIds: string[]) => (await env.db.query<{ id: string }>('select id from messages where lead_id = any($1::bigint[])', [leadIds])).map((row) => row.id).sort();
          const writtenVisible = (await env.db.query<{ id: string }>('select id from messages where id = any($1::bigint[]) and lead_id = any($2::bigint[])', [written, visibleIds])).map((row) => row.id);
          await pullUntil(env, agentReplica, () => writtenVisible.every((id) => agentReplica.messages.has(id)));
          // Exact only once the hub holds nothing back: a transaction of another database on the shared server holds
          // the horizon too, and a reassignment behind it arrives on a later pull (a failure once in a loaded run:
          // the agent still held two leads reassigned to another agent after a single last pull).
          await pullUntil(env, agentReplica, () => agentReplica.pages.at(-1)?.heldBack !== true);
          expect([...agentReplica.leads.keys()].sort()).toEqual(visibleIds);
          for (const row of visible) if (row.user_id === agent.id) expect(agentReplica.whole.has(row.id)).toBe(true);
          const wholeIds = visibleIds.filter((id) => agentReplica.whole.has(id));
          const local = [...agentReplica.messages.values()];
          expect(local.filter((message) => wholeIds.includes(message.leadId)).map((message) => message.id).sort()).toEqual(await messagesOf(wholeIds));
          expect(await messagesOf(visibleIds)).toEqual(expect.arrayContaining(local.map((message) => message.id)));
        },
      ),
      // No shrinking: the inputs are pauses, and shrinking a failure here re-runs the property for minutes, which
      // reads as a hang at the test's time limit instead of the failure it found.
      { numRuns: 5, endOnFailure: true },
    );
  }, 180_000);
});
