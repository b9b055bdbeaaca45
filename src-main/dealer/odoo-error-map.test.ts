import { describe, expect, it } from 'vitest';
import { mapRelayGatewayError } from './odoo-error-map';

describe("the hub relay's 502 dealer_unreachable", () => {
  it('is dealer_unreachable only when the relay says the call was not sent, an unknown outcome otherwise, with its message', () => {
    const notSent = 'The Odoo server of dealership "D" could not be reached (ECONNREFUSED); nothing was sent. Check its Odoo URL.';
    expect(mapRelayGatewayError({ code: 'dealer_unreachable', message: notSent, dealerCallSent: false })).toEqual({ code: 'dealer_unreachable', message: notSent });
    const unknown = 'The connection broke off (ECONNRESET). It is not known whether sale.order.create was carried out.';
    expect(mapRelayGatewayError({ code: 'dealer_unreachable', message: unknown, dealerCallSent: true })).toEqual({ code: 'dealer_outcome_unknown', message: unknown });
    expect(mapRelayGatewayError({ code: 'internal', message: 'x' })).toBeNull();
    expect(mapRelayGatewayError(null)).toBeNull();
  });

  it('reads the field, never the wording: without it the outcome is unknown, whatever the message says', () => {
    const worded = 'The Odoo server of dealership "D" could not be reached (ECONNREFUSED); nothing was sent.';
    expect(mapRelayGatewayError({ code: 'dealer_unreachable', message: worded })?.code).toBe('dealer_outcome_unknown');
    expect(mapRelayGatewayError({ code: 'dealer_unreachable', message: 'Reworded: it is certain the call went nowhere.', dealerCallSent: false })?.code).toBe('dealer_unreachable');
  });
});
