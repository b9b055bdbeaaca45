import { createHash } from 'node:crypto';
import { relayResponseSchema, type RelayRequest, type RelayResponse } from '../../../src-shared/contract/relay.schema';
import { hasRole } from '../../../src-shared/domain/roles';
import { one } from '../../db/database';
import { forbidden, HubError } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import type { DealershipRow } from '../config/dealerships.repo';
import { dealershipOrNotFound, requireConnection, type DealerConnection } from './dealer-connection';
import { postDealer } from './dealer-http';
import { dealerUnreachable, logDealerCall, type CallName } from './dealer-calls.repo';
import { refusedArguments, refusedLease } from './relay-arguments';
import { accessDeniedEnvelope, classifyRelayCall, describeParams, fillCredentials, isAccessDenied, redactSecret, type RelayCall } from './relay-policy';
import { isActive, selectLease, type LeaseRow } from './relay-leases.repo';

/** How long a uid from `common.authenticate` is reused per dealership (a changed connection drops it at once). */
export const UID_TTL_MS = 5 * 60_000;

interface Forwarding {
  lease: LeaseRow;
  /** The reference of the lead a Won lease is for: its order's `client_order_ref`. */
  leadRef: string | null;
  dealership: DealershipRow;
  connection: DealerConnection;
  key: string;
  id: RelayRequest['id'];
}

/**
 * The dealer relay (DESIGN.md §5): main builds every JSON-RPC call, the hub checks the lease and the
 * allow-list, fills in database, uid and API key, forwards, logs, and answers the dealer's envelope as is.
 * The key is read from the secret box per call and masked out of every answer; it is never logged.
 */
export class DealerRelay {
  private readonly uids = new Map<string, { uid: number; fingerprint: string; expiresAt: number }>();

  constructor(private readonly hub: HubContext) {}

  async forward(user: AuthUser, dealershipId: string, leaseHeader: unknown, body: RelayRequest): Promise<RelayResponse> {
    const { lease, leadRef } = await this.checkLease(user, dealershipId, leaseHeader);
    const name = describeParams(body.params);
    const classified = classifyRelayCall(body.params);
    if (!classified.ok) {
      await logDealerCall(this.hub, lease, name, classified.code, 0);
      throw new HubError(classified.code, classified.message);
    }
    const wrongLease = classified.call.kind === 'execute' ? refusedLease(classified.call.model, classified.call.method, lease.kind) : null;
    if (wrongLease) {
      await logDealerCall(this.hub, lease, name, 'forbidden', 0);
      throw new HubError('forbidden', wrongLease);
    }
    const dealership = await dealershipOrNotFound(this.hub.db, lease.dealership_id);
    const connection = requireConnection(dealership, 'the dealer relay cannot reach its Odoo');
    const key = this.hub.secrets.open(connection.apiKeyEnc);
    const ctx: Forwarding = { lease, leadRef, dealership, connection, key, id: body.id };
    return redactSecret(await this.run(ctx, classified.call, body.params.args, name), key);
  }

  private async run(ctx: Forwarding, call: RelayCall, args: unknown[], name: CallName): Promise<RelayResponse> {
    const credentials = { database: ctx.connection.database, login: ctx.connection.login, key: ctx.key, uid: null };
    if (call.kind !== 'execute') {
      const answer = await this.send(ctx, name, fillCredentials(call, args, credentials), false);
      if (call.kind === 'authenticate') this.remember(ctx, answer.result);
      return answer;
    }
    let signIn = await this.uid(ctx);
    if ('envelope' in signIn) return signIn.envelope;
    await this.checkArguments(ctx, call, args, name, signIn.uid);
    let answer = await this.send(ctx, name, fillCredentials(call, args, { ...credentials, uid: signIn.uid }), false);
    if (signIn.cached && isAccessDenied(answer)) {
      // The cached uid or the key went stale on the dealer: nothing was executed, so sign in again once.
      this.uids.delete(ctx.dealership.id);
      signIn = await this.uid(ctx);
      if ('envelope' in signIn) return signIn.envelope;
      await this.checkArguments(ctx, call, args, name, signIn.uid);
      answer = await this.send(ctx, name, fillCredentials(call, args, { ...credentials, uid: signIn.uid }), false);
    }
    return answer;
  }

  /** Each call goes out only with the arguments the app sends for it under this lease (relay-arguments.ts). */
  private async checkArguments(ctx: Forwarding, call: RelayCall, args: readonly unknown[], name: CallName, uid: number): Promise<void> {
    if (call.kind !== 'execute') return;
    const refused = refusedArguments(call.model, call.method, args, { uid, lease: ctx.lease.kind, leadRef: ctx.leadRef });
    if (!refused) return;
    await logDealerCall(this.hub, ctx.lease, name, 'forbidden', 0);
    throw new HubError('forbidden', refused);
  }

  /** The dealer's uid for the connection's login and key: cached, or from the relay's own `common.authenticate`. */
  private async uid(ctx: Forwarding): Promise<{ uid: number; cached: boolean } | { envelope: RelayResponse }> {
    const cached = this.uids.get(ctx.dealership.id);
    if (cached && cached.fingerprint === fingerprint(ctx.connection) && cached.expiresAt > this.hub.clock.now().getTime()) return { uid: cached.uid, cached: true };
    const name: CallName = { service: 'common', method: 'authenticate', model: null, modelMethod: null };
    const args = [ctx.connection.database, ctx.connection.login, ctx.key, {}];
    const answer = await this.send(ctx, name, args, true);
    if (answer.error) return { envelope: answer };
    const uid = this.remember(ctx, answer.result);
    return uid === null ? { envelope: accessDeniedEnvelope(ctx.id) } : { uid, cached: false };
  }

  private remember(ctx: Forwarding, result: unknown): number | null {
    if (typeof result !== 'number' || !Number.isInteger(result) || result <= 0) return null;
    const expiresAt = this.hub.clock.now().getTime() + UID_TTL_MS;
    this.uids.set(ctx.dealership.id, { uid: result, fingerprint: fingerprint(ctx.connection), expiresAt });
    return result;
  }

  /** One call to the dealer, logged; an envelope back, or 502 `dealer_unreachable`. */
  private async send(ctx: Forwarding, name: CallName, args: unknown[], signingIn: boolean): Promise<RelayResponse> {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: name.service, method: name.method, args }, id: ctx.id ?? null });
    const started = Date.now();
    const answer = await postDealer(`${ctx.connection.url.replace(/\/+$/, '')}/jsonrpc`, body, this.hub.config.dealerTimeoutMs, {
      allowLoopback: this.hub.config.allowLoopbackDealers === true,
    });
    const duration = Date.now() - started;
    const unreachable = (status: string, cause: Parameters<typeof dealerUnreachable>[0]['cause']) =>
      logDealerCall(this.hub, ctx.lease, name, status, duration).then(() => dealerUnreachable({ cause, name, dealership: ctx.dealership.name, signingIn }));
    if (answer.kind !== 'answer') throw await unreachable(answer.kind, { kind: answer.kind, detail: answer.detail, timeoutMs: this.hub.config.dealerTimeoutMs });
    if (answer.status === 502 || answer.status === 503 || answer.status === 504) throw await unreachable(`http_${answer.status}`, { kind: 'gateway', status: answer.status });
    const envelope = relayResponseSchema.safeParse(parseJson(answer.text));
    if (!envelope.success) throw await unreachable(`http_${answer.status}_not_jsonrpc`, { kind: 'not_jsonrpc', status: answer.status });
    await logDealerCall(this.hub, ctx.lease, name, envelope.data.error ? 'odoo_error' : 'ok', duration);
    return envelope.data;
  }

  private async checkLease(user: AuthUser, dealershipId: string, header: unknown): Promise<{ lease: LeaseRow; leadRef: string | null }> {
    const leaseId = typeof header === 'string' ? header.trim() : '';
    if (!leaseId) throw forbidden('Send the push id of Mark as Won (or a Test Connection lease) in the X-Relay-Lease header.');
    const lease = leaseId.length <= 64 ? await selectLease(this.hub.db, leaseId) : null;
    if (!lease || lease.user_id !== user.id) throw forbidden('This relay lease is not yours or does not exist: start Mark as Won (or Test Connection) again.');
    if (!isActive(lease, this.hub.clock.now())) throw forbidden('This relay lease has ended or expired: start Mark as Won (or Test Connection) again.');
    if (lease.dealership_id !== dealershipId) throw forbidden('This relay lease opens the relay of another dealership only.');
    if (lease.kind === 'test' && !hasRole(user.role, 'manager')) throw forbidden('Only managers can run Test Connection.');
    if (lease.kind === 'won') {
      const lead = await one<{ dealership_id: string | null; ref: string }>(this.hub.db, 'select dealership_id, ref from leads where id = $1', [lease.lead_id]);
      if (!lead || lead.dealership_id !== lease.dealership_id) throw forbidden("The lead's dealership changed since Mark as Won started: start it again.");
      return { lease, leadRef: lead.ref };
    }
    return { lease, leadRef: null };
  }
}

function fingerprint(connection: DealerConnection): string {
  return createHash('sha256').update(JSON.stringify([connection.url, connection.database, connection.login, connection.apiKeyEnc])).digest('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
