import { z } from 'zod';

import { DEALER_ERROR_CODES } from '../../src-shared/contract/errors';

export { DEALER_ERROR_CODES };

export type DealerErrorCode = (typeof DEALER_ERROR_CODES)[number];

export const dealerErrorSchema = z.object({
  code: z.enum(DEALER_ERROR_CODES),
  message: z.string(),
  /** Odoo's exception class (`data.name`) when the dealer answered with one. */
  odooName: z.string().optional(),
});
export type DealerError = z.infer<typeof dealerErrorSchema>;

export type DealerResult<T> = { ok: true; value: T } | { ok: false; error: DealerError };

export function dealerOk<T>(value: T): DealerResult<T> {
  return { ok: true, value };
}

export function dealerErr<T = never>(code: DealerErrorCode, message: string, odooName?: string): DealerResult<T> {
  return { ok: false, error: odooName === undefined ? { code, message } : { code, message, odooName } };
}

const CHECK_CONNECTION = "A manager can check the dealership's Odoo connection with Test Connection.";

export const DEALER_MESSAGES = {
  unreachable: (detail: string) =>
    `The dealer's Odoo server could not be reached (${detail}). Nothing was sent. Check that the dealership's Odoo URL is right and the server is up. ${CHECK_CONNECTION}`,
  timeout: (ms: number) =>
    `The dealer's Odoo server did not answer within ${formatSeconds(ms)}. It may still have done the work; trying again is safe because the order is looked up by the lead reference before anything is created.`,
  outcomeUnknown: (detail: string) =>
    `The answer from the dealer's Odoo server was lost (${detail}), so it is not known whether the request was carried out. Trying again is safe: the order is looked up by the lead reference before anything is created.`,
  accessDenied: () =>
    `The dealer's Odoo refused the login or API key (wrong, revoked or expired key, or too many failed attempts). A manager should enter a valid API key for the dealership. ${CHECK_CONNECTION}`,
  noCreateRight: (model: string, odooText: string) =>
    `The dealer's Odoo user may not create ${model === 'sale.order' ? 'Sales Orders' : `${model} records`}. Ask the dealership's Odoo administrator to give the integration user the Sales / User right, then run Test Connection. Odoo said: ${odooText}`,
  validation: (odooText: string) => `The dealer's Odoo refused the data: ${odooText}`,
} as const;

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
