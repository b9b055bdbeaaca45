import { expect } from 'vitest';
import type { Dealership, Lead, Message } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import type { WonProgress } from '../../../src-shared/contract/ipc.contract';
import { HubClient } from '../../../src-main/hub/hub-client';
import { startOdooSandbox, type OdooSandbox } from '../../../src-main/training/odoo-sandbox/odoo-sandbox.server';
import { SANDBOX_DATABASE, SANDBOX_USER } from '../../../src-main/training/odoo-sandbox/seed-data';
import type { OdooClientFactory, WonSession } from '../../../src-main/won/won-hub';
import { memoryJournalStorage, WonJournal } from '../../../src-main/won/won-journal';
import type { WonTiming } from '../../../src-main/won/won-saga';
import { WonService } from '../../../src-main/won/won-service';
import { api, createLead, createUser, startTestHub, type TestHub } from '../../../src-hub/testing/hub-test-env';
import { startHubProxy, type HubProxy } from './hub-proxy.fixture';

/** A real hub (PGlite) and the sandbox dealer on loopback, a proxy in front of the hub, and the users of the Won tests. */

/**
 * The relay's own wait for the dealer: what the timeout fault runs into, and what every other call of these
 * tests must beat. 150 ms was beaten by ordinary calls on a loaded two-core machine (the sandbox answers from
 * the test's own process, which PGlite keeps busy), failing Mark as Won with dealer_outcome_unknown.
 */
export const RELAY_DEALER_TIMEOUT_MS = 1000;

export interface TestUser {
  id: string;
  login: string;
  token: string;
}

export interface WonEnv {
  hub: TestHub;
  sandbox: OdooSandbox;
  proxy: HubProxy;
  manager: TestUser;
  agent: TestUser;
  supervisor: TestUser;
  close(): Promise<void>;
}

export async function startWonEnv(): Promise<WonEnv> {
  const hub = await startTestHub('pglite', { dealerTimeoutMs: RELAY_DEALER_TIMEOUT_MS });
  const sandbox = await startOdooSandbox();
  const proxy = await startHubProxy(hub.hub.url);
  const suffix = Math.random().toString(36).slice(2, 8);
  return {
    hub,
    sandbox,
    proxy,
    manager: await createUser(hub.db, `manager-${suffix}`, 'manager', 'Mona Manager'),
    agent: await createUser(hub.db, `agent-${suffix}`, 'agent', 'Maria Santos'),
    supervisor: await createUser(hub.db, `supervisor-${suffix}`, 'supervisor', 'Sam Supervisor'),
    async close() {
      await proxy.close();
      await sandbox.close();
      await hub.close();
    },
  };
}

let dealerCount = 0;

export interface DealerInput {
  name?: string;
  url?: string;
  login?: string;
  apiKey?: string;
  models?: Array<{ vehicleModel: string; productCode: string }>;
  /** The dealership's Odoo company (none: the integration user's default company). */
  company?: { id: number; name: string };
}

/** A dealership as managers create it (POST /dealerships), pointing at the sandbox by default. */
export async function addDealership(env: WonEnv, input: DealerInput = {}): Promise<Dealership> {
  dealerCount++;
  const created = await api(env.hub.url, env.manager.token).post<Dealership>('/dealerships', {
    code: `W${dealerCount}`,
    name: input.name ?? `Sandbox Motors ${dealerCount}`,
    brands: ['Toyota'],
    managerEmail: `manager${dealerCount}@dealer.example`,
    models: input.models ?? [{ vehicleModel: 'Vios', productCode: 'Vios' }],
    connection: {
      url: input.url ?? env.sandbox.url,
      database: SANDBOX_DATABASE,
      login: input.login ?? SANDBOX_USER.login,
      apiKey: input.apiKey ?? SANDBOX_USER.apiKey,
      ...(input.company ? { company: input.company } : {}),
    },
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** A lead of the dealership, claimed by the agent. */
export async function claimedLead(env: WonEnv, dealershipId: string | null, user: TestUser = env.agent): Promise<{ id: string; ref: string }> {
  const lead = await createLead(env.hub.db, { dealershipId });
  const claimed = await api(env.hub.url, user.token).post(`/leads/${lead.id}/claim`);
  expect(claimed.status).toBe(200);
  return lead;
}

/** A session as main has it, talking to the hub through the proxy (so confirm can be cut off). */
export function sessionFor(env: WonEnv, user: TestUser = env.agent, hubUrl = env.proxy.url): WonSession {
  return { hub: new HubClient(hubUrl, () => user.token, { timeoutMs: 3000, retryDelaysMs: [20] }), hubUrl, userId: user.id, token: user.token };
}

/** A clock that only moves when the saga sleeps: waiting out the dealer's time limit costs nothing. */
export function fakeTiming(): WonTiming & { sleeps: number[] } {
  let now = Date.parse('2026-11-23T09:00:00Z');
  const sleeps: number[] = [];
  return {
    // Above the relay's own limit, so a slow dealer is the relay's timeout (as in the app: 65 s in main, 30 s in the hub).
    dealerCallTimeoutMs: RELAY_DEALER_TIMEOUT_MS * 3,
    dealerTimeLimitMs: 120_000,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

export interface ServiceHandle {
  service: WonService;
  journal: WonJournal;
  timing: ReturnType<typeof fakeTiming>;
  events: WonProgress[];
}

export function newService(env: WonEnv, options: { session?: WonSession; journal?: WonJournal; createClient?: OdooClientFactory } = {}): ServiceHandle {
  const journal = options.journal ?? new WonJournal(memoryJournalStorage());
  const timing = fakeTiming();
  const events: WonProgress[] = [];
  const session = options.session ?? sessionFor(env);
  const service = new WonService({
    session: () => session,
    journal,
    timing,
    emit: (progress) => events.push(progress),
    ...(options.createClient ? { createClient: options.createClient } : {}),
  });
  return { service, journal, timing, events };
}

export async function leadNow(env: WonEnv, leadId: string): Promise<Lead> {
  const answer = await api(env.hub.url, env.manager.token).get<Lead>(`/leads/${leadId}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

export async function isWon(env: WonEnv, lead: Lead): Promise<boolean> {
  const stages = (await api(env.hub.url, env.manager.token).get<Stage[]>('/stages')).body;
  return stages.find((stage) => stage.id === lead.stageId)?.isWon ?? false;
}

export async function errorEntries(env: WonEnv, leadId: string): Promise<Message[]> {
  const messages = (await api(env.hub.url, env.manager.token).get<Message[]>(`/leads/${leadId}/messages`)).body;
  return messages.filter((message) => message.kind === 'error');
}

/** The sandbox's orders carrying this lead reference (cancelled ones included). */
export function ordersOf(env: WonEnv, ref: string) {
  return env.sandbox.inspect.saleOrders().filter((order) => order.clientOrderRef === ref);
}
