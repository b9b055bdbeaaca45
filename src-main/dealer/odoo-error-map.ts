import { isAxiosError } from 'axios';
import { DEALER_MESSAGES, type DealerError } from './dealer-result';

/**
 * Turns what went wrong on the wire into a DealerError. The one rule that matters: a failure is only called
 * `dealer_unreachable` when the request provably never left, because the caller may then retry a create
 * without looking first.
 */

/** `error` of an Odoo JSON-RPC envelope (HTTP 200). */
export interface OdooEnvelopeError {
  code: number;
  message: string;
  data?: { name?: string | undefined; message?: string | undefined } | undefined;
}

/** What the call was, for messages and for the create-specific AccessError. */
export interface CallSite {
  service: string;
  method: string;
  model?: string;
  modelMethod?: string;
}

export function describeCall(site: CallSite): string {
  return site.model ? `${site.model}.${site.modelMethod ?? '?'}` : `${site.service}.${site.method}`;
}

export function mapOdooError(error: OdooEnvelopeError, site: CallSite): DealerError {
  const name = error.data?.name;
  const text = error.data?.message || error.message;
  const withName = (code: DealerError['code'], message: string): DealerError =>
    name === undefined ? { code, message } : { code, message, odooName: name };
  if (error.code === 404) {
    return withName('dealer_unexpected', "The dealer's server has no Odoo JSON-RPC endpoint at this address. Check the dealership's Odoo URL.");
  }
  if (error.code === 100) {
    return withName('dealer_unexpected', `The dealer's Odoo reported an expired session on ${describeCall(site)}; the integration does not use sessions, so check the Odoo URL.`);
  }
  switch (name) {
    case 'odoo.exceptions.AccessDenied':
      return withName('dealer_access_denied', DEALER_MESSAGES.accessDenied());
    case 'odoo.exceptions.AccessError':
      // odoo/api.py: allowed_company_ids names a company the user may not use, whatever the call.
      if (text === 'Access to unauthorized or invalid companies.') return withName('dealer_unexpected', DEALER_MESSAGES.unauthorizedCompany(text));
      if (site.modelMethod === 'create') return withName('dealer_no_create_right', DEALER_MESSAGES.noCreateRight(site.model ?? '', text));
      return withName('dealer_unexpected', `The dealer's Odoo refused ${describeCall(site)}: ${text} Ask the dealership's Odoo administrator to check the integration user's access rights.`);
    case 'odoo.exceptions.ValidationError':
    case 'odoo.exceptions.UserError':
      return withName('dealer_validation', DEALER_MESSAGES.validation(text));
    default:
      return withName('dealer_unexpected', `The dealer's Odoo failed on ${describeCall(site)}: ${text}${name ? ` (${name})` : ''}`);
  }
}

/** Errors raised before any byte of the request can have reached the server. */
const NOT_SENT_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'address not found',
  EAI_AGAIN: 'address lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ERR_INVALID_URL: 'invalid URL',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the address',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate issuer unknown',
};

/** Transport failures after the request may have gone out. */
const LOST_ANSWER_CODES: Readonly<Record<string, string>> = {
  ECONNRESET: 'connection dropped',
  EPIPE: 'connection dropped',
  ECONNABORTED: 'connection aborted',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed early',
};

/**
 * The hub's dealer relay answers 502 `dealer_unreachable` when the dealer did not answer; `dealerCallSent`
 * says whether the call went out. Only `false` becomes `dealer_unreachable` (a create may then be retried);
 * `true`, or no answer to the question, stays an unknown outcome. The message (it names the dealership) is
 * passed on as it is.
 */
export function mapRelayGatewayError(hubError: { code: string; message: string; dealerCallSent?: boolean | undefined } | null): DealerError | null {
  if (hubError?.code !== 'dealer_unreachable') return null;
  return { code: hubError.dealerCallSent === false ? 'dealer_unreachable' : 'dealer_outcome_unknown', message: hubError.message };
}

export function mapTransportError(error: unknown, timedOut: boolean, timeoutMs: number): DealerError {
  if (timedOut) return { code: 'dealer_timeout', message: DEALER_MESSAGES.timeout(timeoutMs) };
  const code = errorCode(error);
  if (code === 'ETIMEDOUT') return { code: 'dealer_timeout', message: DEALER_MESSAGES.timeout(timeoutMs) };
  const notSent = code === undefined ? undefined : NOT_SENT_CODES[code];
  if (notSent) return { code: 'dealer_unreachable', message: DEALER_MESSAGES.unreachable(notSent) };
  const lost = code === undefined ? undefined : LOST_ANSWER_CODES[code];
  if (lost) return { code: 'dealer_outcome_unknown', message: DEALER_MESSAGES.outcomeUnknown(lost) };
  const detail = error instanceof Error ? error.message : String(error);
  // Unknown network trouble: treat as a lost answer, never as "nothing was sent".
  if (isAxiosError(error) && error.request !== undefined) {
    return { code: 'dealer_outcome_unknown', message: DEALER_MESSAGES.outcomeUnknown(detail) };
  }
  return { code: 'dealer_unexpected', message: `Calling the dealer's Odoo failed: ${detail}` };
}

function errorCode(error: unknown): string | undefined {
  if (isAxiosError(error)) {
    // axios copies the socket's code; the cause keeps it when axios sets its own.
    const cause: unknown = error.cause;
    const causeCode = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
    return typeof causeCode === 'string' ? causeCode : error.code;
  }
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
