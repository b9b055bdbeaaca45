import { z } from 'zod';

import { DEALER_ERROR_CODES } from '../../src-shared/contract/errors';
import { ODOO_SETTINGS } from './odoo-settings';

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
  noCreateRight: (model: string, odooText: string) => noCreateRight(model, odooText),
  validation: (odooText: string) =>
    /^Incompatible companies on records/.test(odooText)
      ? `The dealer's Odoo refused the Sales Order: the customer or the product belongs to another Odoo company than the order. ${ODOO_SETTINGS.chooseCompany} Odoo said: ${odooText}`
      : `The dealer's Odoo refused the data: ${odooText}`,
  unauthorizedCompany: (odooText: string) =>
    `The dealer's Odoo integration user may not use the Odoo company chosen for this dealership. ${ODOO_SETTINGS.chooseCompany} Or give the user that company: Settings → Users & Companies → Users → the integration user → Access Rights tab → Multi Companies → Allowed Companies. Odoo said: ${odooText}`,
} as const;

/** Which Odoo setting is missing depends on what could not be created, and on whether a record rule refused it. */
function noCreateRight(model: string, odooText: string): string {
  const said = `Odoo said: ${odooText}`;
  if (model === 'res.partner') {
    return `The dealer's Odoo integration user may not create contacts, so a customer new to the dealer cannot be added. ${ODOO_SETTINGS.contactCreation(null)} Then run Test Connection. ${said}`;
  }
  if (model === 'sale.order' && /doesn't have 'create' access/.test(odooText)) {
    return (
      "The dealer's Odoo refused the Sales Order by a record rule: the integration user is bound to its own documents and the order would belong to another salesperson. " +
      `${ODOO_SETTINGS.salesAllDocuments(null)} Then run Test Connection. ${said}`
    );
  }
  const what = model === 'sale.order' ? 'Sales Orders' : `${model} records`;
  return `The dealer's Odoo integration user may not create ${what}. ${ODOO_SETTINGS.salesAllDocuments(null)} Then run Test Connection. ${said}`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
