import { z } from 'zod';
import { dealershipListSchema, leadSchema, type Dealership, type Lead } from '../../src-shared/contract/entities.schema';
import { RELAY_LEASE_HEADER } from '../../src-shared/contract/relay.schema';
import { testLeaseResponseSchema, wonPrepareResponseSchema, type WonPrepareResponse } from '../../src-shared/contract/won.schema';
import type { DealerContext } from '../dealer/dealer-context';
import { createOdooClient, type OdooClient, type OdooClientOptions } from '../dealer/odoo-client';
import { appVersionHeaders, type HubClient } from '../hub/hub-client';
import { AppFailure } from '../ipc/app-failure';

/** The hub's side of Mark as Won and Test Connection, and the dealer relay that carries every dealer call. */

/** Who is signed in where: the Won flow needs the hub client, the token (for the relay) and the user. */
export interface WonSession {
  hub: HubClient;
  hubUrl: string;
  userId: string;
  token: string;
}

export type OdooClientFactory = (options: OdooClientOptions) => OdooClient;

const leadPath = (leadId: string, action: string): string => `/leads/${encodeURIComponent(leadId)}/won/${action}`;

export function prepareWon(session: WonSession, leadId: string): Promise<WonPrepareResponse> {
  return session.hub.request({ method: 'POST', path: leadPath(leadId, 'prepare'), schema: wonPrepareResponseSchema });
}

export function confirmWon(session: WonSession, leadId: string, body: { pushId: string; soName: string; soId: number }): Promise<Lead> {
  return session.hub.request({ method: 'POST', path: leadPath(leadId, 'confirm'), body, schema: leadSchema });
}

export async function failWon(session: WonSession, leadId: string, body: { pushId: string; error: { code: string; message: string } }): Promise<void> {
  await session.hub.request({ method: 'POST', path: leadPath(leadId, 'fail'), body, schema: z.unknown() });
}

export async function takeTestLease(session: WonSession, dealershipId: string): Promise<string> {
  const lease = await session.hub.request({ method: 'POST', path: `/dealerships/${encodeURIComponent(dealershipId)}/test-lease`, schema: testLeaseResponseSchema });
  return lease.leaseId;
}

export async function findDealership(session: WonSession, dealershipId: string): Promise<Dealership> {
  const all = await session.hub.request({ method: 'GET', path: '/dealerships', schema: dealershipListSchema, idempotent: true });
  const found = all.find((dealership) => dealership.id === dealershipId);
  if (!found) throw AppFailure.of('not_found', 'This dealership no longer exists. Refresh the configuration and try again.');
  return found;
}

/**
 * A dealer context whose every call goes through the hub's relay: database, uid and key are sent as null
 * and filled in by the hub, so the API key never reaches this computer. `leaseId` is the push id of Mark as
 * Won or a Test Connection lease.
 */
export function relayContext(session: WonSession, dealershipId: string, leaseId: string, timeoutMs: number, createClient: OdooClientFactory = createOdooClient): DealerContext {
  const client = createClient({
    endpoint: `${session.hubUrl}/api/v1/dealer-relay/${encodeURIComponent(dealershipId)}/jsonrpc`,
    headers: { Authorization: `Bearer ${session.token}`, [RELAY_LEASE_HEADER]: leaseId, ...appVersionHeaders(session.hub.appVersion) },
    timeoutMs,
  });
  return { client, credentials: 'relay' };
}

/** Transport trouble or a failing hub: the report may not have arrived (or may have), so it is kept and repeated. */
export function isRetryableHubError(error: unknown): boolean {
  return error instanceof AppFailure && (error.appError.code === 'hub_unreachable' || error.appError.code === 'internal');
}
