import { expect } from 'vitest';
import type { Dealership, Lead, Message } from '../../../src-shared/contract/entities.schema';
import type { WonPrepareResponse } from '../../../src-shared/contract/won.schema';
import { api, createLead, type TestHub } from '../../testing/hub-test-env';
import { STUB_DB, STUB_LOGIN } from '../relay/odoo-stub.fixture';

/** Test helpers shared by the Won, relay and mail tests: real HTTP against a test hub. */

let dealerCounter = 0;

export interface DealershipInput {
  name?: string;
  managerEmail?: string | null;
  /** Null: no connection; otherwise the dealer's URL, with `apiKey` (omit it for a connection without a key). */
  url?: string | null;
  apiKey?: string;
}

/** A dealership created the way managers do (POST /dealerships), so its API key is sealed by the hub. */
export async function createDealership(env: TestHub, managerToken: string, input: DealershipInput = {}): Promise<Dealership> {
  dealerCounter++;
  const connection =
    input.url === null || input.url === undefined ? null : { url: input.url, database: STUB_DB, login: STUB_LOGIN, ...(input.apiKey ? { apiKey: input.apiKey } : {}) };
  const created = await api(env.url, managerToken).post<Dealership>('/dealerships', {
    code: `D${dealerCounter}`,
    name: input.name ?? `Dealer ${dealerCounter}`,
    brands: ['Toyota'],
    managerEmail: input.managerEmail === undefined ? `manager${dealerCounter}@dealer.example` : input.managerEmail,
    models: [{ vehicleModel: 'Vios', productCode: 'VIOS-1.3XE' }],
    connection,
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** A lead of `dealershipId` claimed by the holder of `token`. */
export async function claimedLead(env: TestHub, token: string, dealershipId: string | null): Promise<{ id: string; ref: string }> {
  const lead = await createLead(env.db, { dealershipId });
  const claimed = await api(env.url, token).post(`/leads/${lead.id}/claim`);
  expect(claimed.status).toBe(200);
  return lead;
}

export async function prepare(env: TestHub, token: string, leadId: string): Promise<WonPrepareResponse> {
  const prepared = await api(env.url, token).post<WonPrepareResponse>(`/leads/${leadId}/won/prepare`);
  expect(prepared.status).toBe(200);
  return prepared.body;
}

/** prepare then confirm, as main does after the dealer created the order. */
export async function markWon(env: TestHub, token: string, leadId: string, soName = 'S00012'): Promise<Lead> {
  const { pushId } = await prepare(env, token, leadId);
  const confirmed = await api(env.url, token).post<Lead>(`/leads/${leadId}/won/confirm`, { pushId, soName, soId: 12 });
  expect(confirmed.status).toBe(200);
  return confirmed.body;
}

export async function chatter(env: TestHub, token: string, leadId: string): Promise<Message[]> {
  return (await api(env.url, token).get<Message[]>(`/leads/${leadId}/messages`)).body;
}

export interface ErrorBody {
  error: { code: string; message: string; dealerCallSent?: boolean };
}
