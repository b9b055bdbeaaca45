import { describe, expect, it } from 'vitest';
import { relayRequestSchema, relayResponseSchema } from './relay.schema';

describe('dealer relay envelope', () => {
  it('parses an execute_kw call with the credentials left null', () => {
    const body = {
      jsonrpc: '2.0',
      method: 'call',
      params: { service: 'object', method: 'execute_kw', args: [null, null, null, 'res.partner', 'search', [[]]] },
      id: 1,
    };
    expect(relayRequestSchema.parse(body)).toEqual(body);
  });

  it('refuses another service or an unknown field', () => {
    const params = { service: 'db', method: 'list', args: [] };
    expect(relayRequestSchema.safeParse({ jsonrpc: '2.0', method: 'call', params }).success).toBe(false);
    expect(
      relayRequestSchema.safeParse({
        jsonrpc: '2.0',
        method: 'call',
        params: { service: 'common', method: 'version', args: [], kwargs: {} },
      }).success,
    ).toBe(false);
  });

  it('reads the dealer answer as is', () => {
    const error = { jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error', data: { name: 'x' } } };
    expect(relayResponseSchema.parse(error)).toEqual(error);
    expect(relayResponseSchema.parse({ jsonrpc: '2.0', id: 1, result: [7] })).toEqual({ jsonrpc: '2.0', id: 1, result: [7] });
  });
});
