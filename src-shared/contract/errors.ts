import { z } from 'zod';

/** The closed union of error codes (hub-api.md), plus the desktop's own (IPC, offline, dealer). */
export const HUB_ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  /** The session reached its end (a shift long, set by a manager): sign in again; the outbox and Won reports stay for the same person. */
  'session_expired',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'already_claimed',
  'version_conflict',
  'won_in_progress',
  'client_id_conflict',
  'stage_in_use',
  'already_exists',
  'payload_too_large',
  'method_not_allowed',
  'stage_transition_not_allowed',
  'lead_not_claimed',
  'lead_closed',
  'lost_reason_required',
  'use_won_flow',
  'no_won_stage_configured',
  'dealership_not_configured',
  'invalid_assignee',
  'unknown_reference',
  'too_many_requests',
  /** The app is older than the oldest version the hub serves (app-version.ts). */
  'update_required',
  'internal',
  'dealer_unreachable',
] as const;

/**
 * The closed set of ways a call to a dealer's Odoo can fail, each with a message a person can act on
 * (src-main/dealer). `dealer_unreachable` is also the hub relay's own code.
 */
export const DEALER_ERROR_CODES = [
  /** Nothing was sent: connection refused, unknown host, TLS failure. Safe to retry. */
  'dealer_unreachable',
  /** No answer in time: the dealer may or may not have done it. */
  'dealer_timeout',
  /** The request went out and the answer was lost (HTTP 502/503/504, connection dropped): may have been done. */
  'dealer_outcome_unknown',
  /** Wrong login or API key, revoked or expired key, or the login cool-down. */
  'dealer_access_denied',
  /** The dealer's user may not create the record (sale.order in practice). */
  'dealer_no_create_right',
  /** No sellable product for the vehicle model. */
  'dealer_model_not_found',
  /** Odoo refused the data (ValidationError / UserError), with Odoo's own text. */
  'dealer_validation',
  /** Anything else: not an Odoo JSON-RPC endpoint, an answer of the wrong shape, another Odoo error. */
  'dealer_unexpected',
] as const;

type DealerOnly = Exclude<(typeof DEALER_ERROR_CODES)[number], 'dealer_unreachable'>;

export const CLIENT_ERROR_CODES = [
  /** The hub cannot be reached: the action needs it (claim, reassign, stage moves, Won, Lost). */
  'hub_unreachable',
  /** An IPC call from a frame that is not the app's own. */
  'forbidden_sender',
  /** The workstation is locked: nothing but unlock or sign-out until the person gives their password. */
  'locked',
  /** Mark as Won: how a call to the dealer's Odoo failed. */
  ...(DEALER_ERROR_CODES.filter((code) => code !== 'dealer_unreachable') as DealerOnly[]),
] as const;

export const ERROR_CODES = [...HUB_ERROR_CODES, ...CLIENT_ERROR_CODES] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS_OF: Record<HubErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  already_claimed: 409,
  version_conflict: 409,
  won_in_progress: 409,
  client_id_conflict: 409,
  stage_in_use: 409,
  already_exists: 409,
  payload_too_large: 413,
  method_not_allowed: 405,
  stage_transition_not_allowed: 422,
  lead_not_claimed: 422,
  lead_closed: 422,
  lost_reason_required: 422,
  use_won_flow: 422,
  no_won_stage_configured: 422,
  dealership_not_configured: 422,
  invalid_assignee: 422,
  unknown_reference: 422,
  too_many_requests: 429,
  update_required: 426,
  internal: 500,
  dealer_unreachable: 502,
};

export const errorCodeSchema = z.enum(ERROR_CODES);

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  requestId: z.string().optional(),
  /**
   * The dealer relay's 502 `dealer_unreachable` only: false when the dealer call certainly never went out (a
   * create may be sent again), true when it may have been carried out (look it up before creating again).
   */
  dealerCallSent: z.boolean().optional(),
  /**
   * The body field a refusal is about, for `409 already_exists` (a unique login, dealership code or stage name)
   * and `422 unknown_reference` (an id or code that names nothing): the message names it too.
   */
  field: z.string().optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

/** Every hub error body: `{"error": {"code", "message"}}`. */
export const errorEnvelopeSchema = z.object({ error: appErrorSchema });
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export const NEEDS_HUB_MESSAGE = 'This needs the connection to the hub. Try again when the app is back online.';
