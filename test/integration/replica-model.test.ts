import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../src-main/hub/hub-client';
import { SyncDriver } from '../../src-main/sync/sync-driver';
import { api, createLead, createUser, startTestHub, type TestHub } from '../../src-hub/testing/hub-test-env';
import { propertyRuns } from '../../src-hub/testing/property-runs';
import { hubLeadOf } from '../../src-renderer/db/pool-key';
import { dexieReplica } from './replica-port.fixture';
import { readLeads } from '../../src-renderer/db/lead-store';
import { readHistory } from '../../src-renderer/db/history-store';
import { readWholeLeads } from '../../src-renderer/db/whole-leads';

type Op =
  | { kind: 'claim'; user: number; lead: number }
  | { kind: 'assign'; lead: number; target: number | null }
  | { kind: 'lost'; user: number; lead: number }
  | { kind: 'note'; user: number; lead: number }
  | { kind: 'pull'; viewer: number };

const USERS = 3; // 0 and 1 are agents, 2 is a supervisor
const LEADS = 6;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('claim' as const), user: fc.nat(USERS - 1), lead: fc.nat(LEADS - 1) }),
  fc.record({ kind: fc.constant('assign' as const), lead: fc.nat(LEADS - 1), target: fc.option(fc.nat(USERS - 1), { nil: null }) }),
  fc.record({ kind: fc.constant('lost' as const), user: fc.nat(USERS - 1), lead: fc.nat(LEADS - 1) }),
  fc.record({ kind: fc.constant('note' as const), user: fc.nat(USERS - 1), lead: fc.nat(LEADS - 1) }),
  fc.record({ kind: fc.constant('pull' as const), viewer: fc.nat(USERS - 1) }),
);

/**
 * Model-based: for any interleaving of changes by several users and pulls, each user's replica (the real
 * pull loop and the real Dexie apply step) ends exactly equal to what that user may see on the hub, with the
 * whole history of every own lead.
 */
describe('replica model', () => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub('pglite', { mailPollMs: 0 });
  });
  afterAll(() => env?.close());

  it('equals exactly what the user may see, after any interleaving of changes and pulls', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (ops, pageSize) => {
        // One hub for every run (starting one costs more than a run): each run has users and leads of its own,
        // and the leads of earlier runs are retired first, closed and unassigned, which no one may see. So each
        // run starts from the same visible world as on a new hub.
        run++;
        await env.db.query('update leads set closed = true, closed_at = now(), user_id = null');
        const users = [await createUser(env.db, `a0-${run}`, 'agent'), await createUser(env.db, `a1-${run}`, 'agent'), await createUser(env.db, `s2-${run}`, 'supervisor')];
        const leads = [];
        for (let index = 0; index < LEADS; index++) leads.push((await createLead(env.db)).id);
        const base = env.url.replace(/\/api\/v1$/, '');
        const replicas = users.map((user) => {
          const replica = dexieReplica();
          const driver = new SyncDriver(() => new HubClient(base, () => user.token, { retryDelaysMs: [] }), replica.port, () => undefined, pageSize);
          return { replica, driver };
        });
        for (const op of ops) {
          if (op.kind === 'pull') await replicas[op.viewer]?.driver.pull();
          else if (op.kind === 'claim') await api(env.url, users[op.user]?.token).post(`/leads/${leads[op.lead]}/claim`);
          else if (op.kind === 'assign') await api(env.url, users[2]?.token).post(`/leads/${leads[op.lead]}/assign`, { userId: op.target === null ? null : users[op.target]?.id });
          else if (op.kind === 'lost') await api(env.url, users[op.user]?.token).post(`/leads/${leads[op.lead]}/lost`, { reason: 'other', notes: '' });
          else await api(env.url, users[op.user]?.token).post(`/leads/${leads[op.lead]}/notes`, { body: `note by ${op.user}` });
        }
        for (const [index, user] of users.entries()) {
          const { replica, driver } = replicas[index] ?? { replica: undefined, driver: undefined };
          await driver?.pull();
          const role = index === 2 ? 'supervisor' : 'agent';
          const expected = await env.db.query<{ id: string }>(
            `select id from leads where (not closed and ($2 = 'supervisor' or user_id is null or user_id = $1)) or (closed and user_id = $1) order by id`,
            [user.id, role],
          );
          const expectedIds = expected.map((row) => row.id);
          const local = replica ? await readLeads(replica.db) : undefined;
          const got = local?.all().map((lead) => lead.id).sort((a, b) => Number(a) - Number(b));
          expect({ user: index, ids: got }).toEqual({ user: index, ids: expectedIds });
          for (const id of expectedIds) {
            const hubLead = await api(env.url, user.token).get(`/leads/${id}`);
            const stored = local?.get(id);
            expect(stored && hubLeadOf(stored)).toEqual(hubLead.body);
            // the replica's own Open Leads key: the brand exactly while the lead is unclaimed and open
            const row = (await env.db.query<{ user_id: string | null; closed: boolean; brand: string }>('select user_id, closed, brand from leads where id = $1', [id]))[0];
            expect(stored?.pool).toBe(row && row.user_id === null && !row.closed ? row.brand : undefined);
            // The history of the user's own leads is whole in the replica; another lead's is fetched when opened,
            // and what the replica holds of it (changes synced since) is the hub's.
            const hubMessages = (await api(env.url, user.token).get<Array<{ id: string }>>(`/leads/${id}/messages`)).body.map((message) => message.id).sort();
            const localMessages = (replica ? (await readHistory(replica.db, 'messages')).of(id) : []).map((message) => message.id).sort();
            const whole = replica ? (await readWholeLeads(replica.db)).has(id) : false;
            if (row?.user_id === user.id) expect({ lead: id, whole }).toEqual({ lead: id, whole: true });
            if (whole) expect(localMessages).toEqual(hubMessages);
            else expect(hubMessages).toEqual(expect.arrayContaining(localMessages));
          }
          // Each list of history is one lead's: it holds that lead's rows only, and no lead outside the view has one.
          for (const kind of ['messages', 'callLogs', 'activities'] as const) {
            const history = replica ? await readHistory(replica.db, kind) : undefined;
            const leadIds = [...(history?.leadIds() ?? [])];
            expect({ kind, strays: leadIds.flatMap((leadId) => history?.of(leadId).filter((row) => row.leadId !== leadId) ?? []) }).toEqual({ kind, strays: [] });
            expect({ kind, outside: leadIds.filter((leadId) => !expectedIds.includes(leadId)) }).toEqual({ kind, outside: [] });
          }
        }
      }),
      propertyRuns(8),
    );
  }, 240_000);
});
