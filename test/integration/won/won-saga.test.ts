import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealership } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import type { DealerContext } from '../../../src-main/dealer/dealer-context';
import { createOdooClient } from '../../../src-main/dealer/odoo-client';
import { createPartner } from '../../../src-main/dealer/partner-lookup';
import { createOrder } from '../../../src-main/dealer/sale-order';
import { SANDBOX_DATABASE, SANDBOX_USER } from '../../../src-main/training/odoo-sandbox/seed-data';
import { fileJournalStorage, WonJournal } from '../../../src-main/won/won-journal';
import { api, createLead } from '../../../src-hub/testing/hub-test-env';
import { stepFaults } from './step-faults.fixture';
import { addDealership, claimedLead, errorEntries, isWon, leadNow, newService, ordersOf, sessionFor, startWonEnv, type WonEnv } from './won-env.fixture';

/** The Won saga against a real hub and the sandbox dealer: the path, the refusals, what survives a restart. */

let env: WonEnv;
let dealership: Dealership;
let direct: DealerContext;

beforeAll(async () => {
  env = await startWonEnv();
  dealership = await addDealership(env, { name: 'Sandbox Toyota Makati', models: [{ vehicleModel: 'Vios', productCode: 'NOT-THERE' }] });
  direct = { client: createOdooClient({ endpoint: env.sandbox.endpoint, timeoutMs: 1000 }), credentials: { db: SANDBOX_DATABASE, uid: 2, key: SANDBOX_USER.apiKey } };
});
afterAll(() => env.close());

const owner = () => `${env.proxy.url}|${env.agent.id}`;

async function relayedCalls(): Promise<number> {
  const [row] = await env.hub.db.query<{ n: number }>('select count(*)::int as n from dealer_calls');
  return row?.n ?? 0;
}

describe('refusals from prepare pass through with the hub message', () => {
  it('no won stage configured', async () => {
    const manager = api(env.hub.url, env.manager.token);
    const won = (await manager.get<Stage[]>('/stages')).body.find((stage) => stage.isWon);
    expect((await manager.patch(`/stages/${won?.id}`, { isWon: false })).status).toBe(200);
    try {
      const { service, events } = newService(env);
      const lead = await claimedLead(env, dealership.id);
      await expect(service.markWon(lead.id)).rejects.toMatchObject({ appError: { code: 'no_won_stage_configured', message: expect.stringContaining('No won stage configured') } });
      expect(events.at(-1)?.steps.map((step) => step.state)).toEqual(['failed', 'pending', 'pending', 'pending']);
      expect(env.sandbox.inspect.calls()).toEqual([]);
    } finally {
      expect((await manager.patch(`/stages/${won?.id}`, { isWon: true })).status).toBe(200);
    }
  });

  it('no dealership, a dealership without connection, not claimed, in progress, closed', async () => {
    const { service } = newService(env);
    const refused = (leadId: string, code: string) => expect(service.markWon(leadId)).rejects.toMatchObject({ appError: { code } });
    await refused((await claimedLead(env, null)).id, 'dealership_not_configured');
    const bare = (await api(env.hub.url, env.manager.token).post<Dealership>('/dealerships', { code: 'BARE', name: 'Bare Motors', managerEmail: null, connection: null })).body;
    await expect(service.markWon((await claimedLead(env, bare.id)).id)).rejects.toMatchObject({
      appError: { code: 'dealership_not_configured', message: expect.stringContaining('Bare Motors') },
    });
    await refused((await createLead(env.hub.db, { dealershipId: dealership.id })).id, 'lead_not_claimed');
    const busy = await claimedLead(env, dealership.id);
    expect((await api(env.hub.url, env.agent.token).post(`/leads/${busy.id}/won/prepare`)).status).toBe(200);
    await refused(busy.id, 'won_in_progress');
    const done = await claimedLead(env, dealership.id);
    await service.markWon(done.id);
    await refused(done.id, 'lead_closed');
    expect(ordersOf(env, done.ref)).toHaveLength(1);
    for (const lead of [busy, done]) expect(await errorEntries(env, lead.id)).toEqual([]);
  });
});

describe('the path', () => {
  it('creates the customer and the order through the relay, confirms, reports each step and the toast', async () => {
    const { service, events } = newService(env);
    const lead = await claimedLead(env, dealership.id);
    const relayedBefore = await relayedCalls();
    const dealerBefore = env.sandbox.inspect.calls().length;
    const output = await service.markWon(lead.id);
    const [order] = ordersOf(env, lead.ref);
    expect(order?.name).toMatch(/^S\d{5}$/);
    expect(output).toMatchObject({ soName: order?.name, dealershipName: 'Sandbox Toyota Makati', toast: `Sales Order ${order?.name} created on Sandbox Toyota Makati` });
    expect(output.lead.dealerSoName).toBe(order?.name);
    expect(await isWon(env, output.lead)).toBe(true);
    // The configured product code is missing on the dealer: the model name as default_code is next.
    const vios = env.sandbox.inspect.products().find((product) => product.defaultCode === 'Vios');
    expect(order?.lines.map((line) => [line.productId, line.quantity])).toEqual([[vios?.id, 1]]);
    const partner = env.sandbox.inspect.partners().find((row) => row.id === order?.partnerId);
    expect(partner).toMatchObject({ name: output.lead.customer.name, email: output.lead.customer.email, phone: output.lead.customer.phone, isCompany: false });
    const states = events.map((event) => event.steps.map((step) => step.state).join(','));
    expect(states[0]).toBe('running,pending,pending,pending');
    expect(states.at(-1)).toBe('done,done,done,done');
    expect(events.at(-1)?.steps.map((step) => step.label)).toEqual([
      'Check the lead with the hub',
      'Customer created on Sandbox Toyota Makati',
      `Sales Order ${order?.name} on Sandbox Toyota Makati`,
      'Record the Sales Order on the lead',
    ]);
    // Every call the dealer saw came through the hub's relay (which logs each one).
    const dealerCalls = env.sandbox.inspect.calls().length - dealerBefore;
    expect(dealerCalls).toBeGreaterThanOrEqual(5);
    expect((await relayedCalls()) - relayedBefore).toBe(dealerCalls);
  });

  it('finds the customer by phone digits and an order already carrying the lead reference (cancelled ones ignored)', async () => {
    const lead = await createLead(env.hub.db, { dealershipId: dealership.id, customer: { name: 'Ana Cruz', phone: '0917 555 0101', email: null } });
    await api(env.hub.url, env.agent.token).post(`/leads/${lead.id}/claim`);
    const partner = await createPartner(direct, { name: 'Ana Cruz (dealer)', phone: '(0917) 555-0101' });
    if (!partner.ok) throw new Error(partner.error.message);
    const cancelled = await createOrder(direct, { partnerId: partner.value, productId: 1, clientOrderRef: lead.ref });
    if (!cancelled.ok) throw new Error(cancelled.error.message);
    await direct.client.executeKw(SANDBOX_DATABASE, 2, SANDBOX_USER.apiKey, 'sale.order', 'write', [[cancelled.value], { state: 'cancel' }]);
    const partnersBefore = env.sandbox.inspect.partners().length;

    const first = await newService(env).service.markWon(lead.id);
    expect(env.sandbox.inspect.partners()).toHaveLength(partnersBefore);
    const live = ordersOf(env, lead.ref).filter((order) => order.state !== 'cancel');
    expect(live).toHaveLength(1);
    expect(live[0]?.partnerId).toBe(partner.value);
    expect(first.lead.dealerSoName).toBe(live[0]?.name);
  });

  it('names the model and the dealership when the dealer has no product for it, and writes it to the chatter', async () => {
    const lead = await createLead(env.hub.db, { dealershipId: dealership.id, vehicleModel: 'Jazz' });
    await api(env.hub.url, env.agent.token).post(`/leads/${lead.id}/claim`);
    const { service } = newService(env);
    await expect(service.markWon(lead.id)).rejects.toMatchObject({
      appError: { code: 'dealer_model_not_found', message: expect.stringMatching(/Sandbox Toyota Makati.*"Jazz"/) },
    });
    expect(ordersOf(env, lead.ref)).toEqual([]);
    const [entry] = await errorEntries(env, lead.id);
    expect(entry?.body).toContain('"Jazz"');
    expect((await leadNow(env, lead.id)).dealerSoName).toBeNull();
  });

  it('joins a second click to the running push, and two workstations still make one order', async () => {
    const lead = await claimedLead(env, dealership.id);
    const { service } = newService(env);
    const [a, b] = await Promise.all([service.markWon(lead.id), service.markWon(lead.id)]);
    expect(a).toBe(b);
    const other = await claimedLead(env, dealership.id);
    const results = await Promise.allSettled([newService(env).service.markWon(other.id), newService(env).service.markWon(other.id)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { appError: { code: 'won_in_progress' } } });
    expect(ordersOf(env, other.ref)).toHaveLength(1);
  });
});

describe('what survives a restart', () => {
  it('keeps a confirmation on disk and records it when the app starts again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'won-journal-')), 'won-journal.json');
    const lead = await claimedLead(env, dealership.id);
    env.proxy.arm({ path: /\/won\/confirm$/, kind: 'drop' });
    await expect(newService(env, { journal: new WonJournal(fileJournalStorage(path)) }).service.markWon(lead.id)).rejects.toMatchObject({
      appError: { code: 'hub_unreachable', message: expect.stringMatching(/Sales Order S\d+ was created on Sandbox Toyota Makati/) },
    });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pending: [{ kind: 'confirm', leadId: lead.id, owner: owner() }] });
    const restarted = newService(env, { journal: new WonJournal(fileJournalStorage(path)) });
    expect(await restarted.service.retryPendingConfirmations()).toEqual({ sent: 1, kept: 0 });
    const now = await leadNow(env, lead.id);
    expect(await isWon(env, now)).toBe(true);
    expect(now.dealerSoName).toBe(ordersOf(env, lead.ref)[0]?.name);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pending: [], unsettled: [] });
  });

  it('after stopping during an unknown create, waits out the rest of the dealer time limit, then finds the order', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'won-journal-')), 'won-journal.json');
    const lead = await claimedLead(env, dealership.id);
    const faults = stepFaults(env.sandbox);
    faults.arm('order create', 'answer dropped after commit');
    const crashing = newService(env, { journal: new WonJournal(fileJournalStorage(path)), createClient: faults.factory });
    crashing.timing.sleep = () => Promise.reject(new Error('the app was closed'));
    await expect(crashing.service.markWon(lead.id)).rejects.toThrow('the app was closed');
    const sentAt = (JSON.parse(readFileSync(path, 'utf8')) as { unsettled: Array<{ sentAt: number }> }).unsettled[0]?.sentAt ?? 0;
    // The dead run's lease lapses on the hub; the next run starts 30 s after the create was sent.
    // (The hub's Won lease outlasts any push, 10 minutes, so a dead run blocks a second one until then.)
    env.hub.clock.advance(11 * 60_000);
    const next = newService(env, { journal: new WonJournal(fileJournalStorage(path)) });
    const clock = { now: sentAt + 30_000 };
    next.timing.now = () => clock.now;
    next.timing.sleep = async (ms) => {
      next.timing.sleeps.push(ms);
      clock.now += ms;
    };
    const output = await next.service.markWon(lead.id);
    expect(next.timing.sleeps).toEqual([90_000]);
    expect(ordersOf(env, lead.ref)).toHaveLength(1);
    expect(output.soName).toBe(ordersOf(env, lead.ref)[0]?.name);
  });

  it('keeps a failure report the hub did not get, and sends it before the next attempt', async () => {
    const lead = await claimedLead(env, dealership.id);
    const faults = stepFaults(env.sandbox);
    const handle = newService(env, { createClient: faults.factory });
    faults.arm('partner search', 'connection refused');
    env.proxy.arm({ path: /\/won\/fail$/, kind: 'refuse' });
    await expect(handle.service.markWon(lead.id)).rejects.toMatchObject({
      appError: { code: 'dealer_unreachable', message: expect.stringContaining('could not be reached to note this failure') },
    });
    expect(handle.journal.pending(owner(), lead.id)).toMatchObject([{ kind: 'fail', error: { code: 'dealer_unreachable' } }]);
    expect(await errorEntries(env, lead.id)).toEqual([]);
    const output = await handle.service.markWon(lead.id);
    expect(output.lead.dealerSoName).toBe(ordersOf(env, lead.ref)[0]?.name);
    const [entry] = await errorEntries(env, lead.id);
    expect(entry?.body).toContain('Test Connection on dealership "Sandbox Toyota Makati"');
    expect(handle.journal.pending(owner())).toEqual([]);
  });

  it('a kept report of another user or hub is left alone', async () => {
    const handle = newService(env, { session: sessionFor(env, env.supervisor) });
    handle.journal.putPending({ kind: 'fail', owner: owner(), leadId: '1', pushId: 'x', error: { code: 'dealer_timeout', message: 'm' }, savedAt: 0 });
    expect(await handle.service.retryPendingConfirmations()).toEqual({ sent: 0, kept: 0 });
    expect(handle.journal.pending(owner())).toHaveLength(1);
  });
});
