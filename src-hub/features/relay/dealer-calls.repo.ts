import { HubError } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { LeaseRow } from './relay-leases.repo';

/** A relayed call by name only: what is logged (never arguments, never the key). */
export interface CallName {
  service: string;
  method: string;
  model: string | null;
  modelMethod: string | null;
}

export function callLabel(name: CallName): string {
  return name.model ? `${name.model}.${name.modelMethod ?? '?'}` : `${name.service}.${name.method}`;
}

/**
 * One row per relayed (or refused) call: who, which dealership, which call, how it went, how long it took.
 * A failure to log is reported, never allowed to change the dealer's answer.
 */
export async function logDealerCall(hub: HubContext, lease: LeaseRow, name: CallName, status: string, durationMs: number): Promise<void> {
  hub.metrics.relayCalls.inc({ dealership: lease.dealership_id, outcome: status });
  try {
    await hub.db.query(
      `insert into dealer_calls (lease_id, dealership_id, user_id, service, method, model, model_method, status, duration_ms, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [lease.id, lease.dealership_id, lease.user_id, name.service, name.method, name.model, name.modelMethod, status, Math.round(durationMs), hub.clock.now()],
    );
  } catch (error) {
    hub.log.error(`could not log the dealer call ${callLabel(name)} of lease ${lease.id}`, error);
  }
}

export type UnreachableCause =
  | { kind: 'unreachable' | 'timeout' | 'broken'; detail: string; timeoutMs: number }
  | { kind: 'gateway'; status: number }
  | { kind: 'not_jsonrpc'; status: number };

/** 502 `dealer_unreachable`, saying whether the call may have been carried out and what to do. */
export function dealerUnreachable(options: { cause: UnreachableCause; name: CallName; dealership: string; signingIn: boolean }): HubError {
  const { cause, dealership, signingIn } = options;
  const what = callLabel(options.name);
  const check = `A manager can run Test Connection on dealership "${dealership}".`;
  // The relay's own sign-in comes before the caller's call: that call was then never sent.
  const outcome = signingIn
    ? 'The requested call was not sent.'
    : `It is not known whether ${what} was carried out: look it up before creating anything again.`;
  let text: string;
  if (cause.kind === 'gateway') {
    text = `The dealer's side answered HTTP ${cause.status} (a proxy in front of Odoo): the answer was lost. ${outcome}`;
  } else if (cause.kind === 'not_jsonrpc') {
    text = `The server of dealership "${dealership}" answered HTTP ${cause.status} without a JSON-RPC answer: check that its Odoo URL points to an Odoo 18 server.`;
  } else if (cause.kind === 'unreachable') {
    text = `The Odoo server of dealership "${dealership}" could not be reached (${cause.detail}); nothing was sent. Check its Odoo URL and that the server is up.`;
  } else if (cause.kind === 'timeout') {
    text = `The Odoo server of dealership "${dealership}" did not answer ${signingIn ? 'the sign-in' : what} within ${Math.round(cause.timeoutMs / 1000)} s. ${outcome}`;
  } else {
    text = `The connection to the Odoo server of dealership "${dealership}" broke off (${cause.detail}). ${outcome}`;
  }
  // Sent for sure only when nothing reached a server; an answer that is not JSON-RPC counts as "may have".
  const dealerCallSent = !(signingIn || cause.kind === 'unreachable');
  return new HubError('dealer_unreachable', `${text} ${check}`, { dealerCallSent });
}
