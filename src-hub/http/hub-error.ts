import { HTTP_STATUS_OF, type HubErrorCode } from '../../src-shared/contract/errors';

/** A refusal the hub answers with the contract's envelope; anything else thrown becomes a 500 `internal`. */
export class HubError extends Error {
  readonly status: number;
  constructor(
    readonly code: HubErrorCode,
    message: string,
    /** Machine-readable facts the envelope carries beside the message (appErrorSchema). */
    readonly facts: { dealerCallSent?: boolean; field?: string } = {},
  ) {
    super(message);
    this.status = HTTP_STATUS_OF[code];
  }
}

export const notFound = (what = 'Lead'): HubError => new HubError('not_found', `${what} not found.`);
export const forbidden = (message: string): HubError => new HubError('forbidden', message);

/** `409 already_exists`: a unique value (login, dealership code, stage name) another record already holds. */
export const alreadyExists = (field: string, message: string): HubError => new HubError('already_exists', `${field}: ${message}`, { field });

/** `422 unknown_reference`: the body names a record (stageId, dealershipId, dealershipCode) that does not exist. */
export const unknownReference = (field: string, message: string): HubError => new HubError('unknown_reference', `${field}: ${message}`, { field });
