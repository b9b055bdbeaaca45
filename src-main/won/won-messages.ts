import { FIELD_MAX } from '../../src-shared/contract/fields.schema';
import type { DealerError, DealerErrorCode } from '../dealer/dealer-result';

/** Mark as Won's own texts, so a person knows what happened and what to do next. */

export function wonToast(soName: string, dealershipName: string): string {
  return `Sales Order ${soName} created on ${dealershipName}`;
}

/** Failures a manager fixes on the dealership's Odoo connection, found with Test Connection. */
const CONNECTION_CODES: ReadonlySet<DealerErrorCode> = new Set([
  'dealer_unreachable',
  'dealer_timeout',
  'dealer_outcome_unknown',
  'dealer_access_denied',
  'dealer_no_create_right',
  'dealer_unexpected',
]);

export function testConnectionAdvice(dealershipName: string): string {
  return `Check the Odoo connection of dealership "${dealershipName}": a manager runs Test Connection on it (agents: ask a manager to), then try Mark as Won again.`;
}

/** The dealer's error with the dealership named and, for connection trouble, the Test Connection advice. */
export function dealerFailureMessage(error: DealerError, dealershipName: string): string {
  const text = error.code === 'dealer_model_not_found' ? `Dealership "${dealershipName}": ${error.message}` : error.message;
  // The relay's own messages already name the dealership for Test Connection.
  if (!CONNECTION_CODES.has(error.code) || text.includes(`Test Connection on dealership "${dealershipName}"`)) return clip(text);
  return clip(`${text} ${testConnectionAdvice(dealershipName)}`);
}

export function confirmPendingMessage(soName: string, dealershipName: string): string {
  return (
    `Sales Order ${soName} was created on ${dealershipName}, but the hub could not be reached to record it on the lead. ` +
    'This computer keeps it and records it automatically when the connection is back; nothing needs to be done again.'
  );
}

export function failReportPendingMessage(message: string): string {
  return clip(`${message} (The hub could not be reached to note this failure on the lead; it is sent when the connection is back.)`);
}

/** The hub keeps error texts up to FIELD_MAX.errorMessage characters. */
export function clip(text: string): string {
  return text.length <= FIELD_MAX.errorMessage ? text : `${text.slice(0, FIELD_MAX.errorMessage - 1)}…`;
}
