import { describe, expect, it } from 'vitest';
import { mapRelayGatewayError } from './odoo-error-map';

describe("the hub relay's 502 dealer_unreachable", () => {
  it('is dealer_unreachable only when the relay says nothing was sent, an unknown outcome otherwise, with its message', () => {
    const notSent = 'The Odoo server of dealership "D" could not be reached (ECONNREFUSED); nothing was sent. Check its Odoo URL.';
    expect(mapRelayGatewayError({ code: 'dealer_unreachable', message: notSent })).toEqual({ code: 'dealer_unreachable', message: notSent });
    const signIn = 'The Odoo server of dealership "D" did not answer the sign-in within 30 s. The requested call was not sent.';
    expect(mapRelayGatewayError({ code: 'dealer_unreachable', message: signIn })?.code).toBe('dealer_unreachable');
    const unknown = 'The connection broke off (ECONNRESET). It is not known whether sale.order.create was carried out.';
    expect(mapRelayGatewayError({ code: 'dealer_unreachable', message: unknown })).toEqual({ code: 'dealer_outcome_unknown', message: unknown });
    expect(mapRelayGatewayError({ code: 'internal', message: 'x' })).toBeNull();
    expect(mapRelayGatewayError(null)).toBeNull();
  });
});
