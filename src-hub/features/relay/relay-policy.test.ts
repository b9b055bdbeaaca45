import { describe, expect, it } from 'vitest';
import { RELAY_ALLOW_LIST, RELAY_MODELS } from '../../../src-shared/contract/relay.schema';
import { classifyRelayCall, fillCredentials, isAccessDenied, redactSecret, accessDeniedEnvelope } from './relay-policy';

const execute = (model: unknown, method: unknown, head: unknown[] = [null, null, null]) => ({ service: 'object' as const, method: 'execute_kw', args: [...head, model, method, [[]], {}] });

describe('relay allow-list', () => {
  it('lets through common.version, common.authenticate and every allowed model × method', () => {
    expect(classifyRelayCall({ service: 'common', method: 'version', args: [] })).toEqual({ ok: true, call: { kind: 'version' } });
    expect(classifyRelayCall({ service: 'common', method: 'authenticate', args: [] })).toEqual({ ok: true, call: { kind: 'authenticate' } });
    for (const model of RELAY_MODELS) {
      for (const method of RELAY_ALLOW_LIST[model]) expect(classifyRelayCall(execute(model, method))).toEqual({ ok: true, call: { kind: 'execute', model, method } });
    }
  });

  it('forbids other models, methods, services and shapes', () => {
    const refused = [
      execute('res.users', 'write'),
      execute('res.users', 'search_read'),
      execute('res.company', 'search_read'),
      execute('sale.order', 'fields_get'),
      execute('sale.order', 'read'),
      execute('res.partner', 'read'),
      execute('product.product', 'search'),
      execute('res.groups', 'read'),
      execute('sale.order', 'write'),
      execute('sale.order', 'unlink'),
      execute('sale.order', 'action_confirm'),
      execute('sale.order', '_read_group'),
      execute(['sale.order'], 'read'),
      { service: 'object' as const, method: 'execute', args: [null, null, null, 'sale.order', 'read'] },
      { service: 'common' as const, method: 'login', args: [] },
      { service: 'common' as const, method: 'about', args: [] },
    ];
    for (const params of refused) expect(classifyRelayCall(params)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('wants the credentials left null for the relay to fill in', () => {
    expect(classifyRelayCall(execute('sale.order', 'search_read', ['db', 2, 'key']))).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(classifyRelayCall(execute('sale.order', 'search_read', [null, 2, null]))).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});

describe('relay credentials and masking', () => {
  const credentials = { database: 'db', login: 'bot', key: 'K', uid: 7 };

  it('fills execute_kw args 0–2 and authenticate args, leaves version alone', () => {
    expect(fillCredentials({ kind: 'execute', model: 'sale.order', method: 'read' }, [null, null, null, 'sale.order', 'read', [[1]], { fields: ['name'] }], credentials)).toEqual([
      'db',
      7,
      'K',
      'sale.order',
      'read',
      [[1]],
      { fields: ['name'] },
    ]);
    expect(fillCredentials({ kind: 'authenticate' }, [null, null, null], credentials)).toEqual(['db', 'bot', 'K', {}]);
    expect(fillCredentials({ kind: 'authenticate' }, ['x', 'y', 'z', { interactive: false }], credentials)).toEqual(['db', 'bot', 'K', { interactive: false }]);
    expect(fillCredentials({ kind: 'version' }, [], credentials)).toEqual([]);
  });

  it('masks the secret in every string and key, however deep', () => {
    const secret = 'SECRET-123';
    const value = { a: `x ${secret} y`, list: [secret, { [secret]: [`${secret}${secret}`] }], n: 1, none: null };
    const masked = redactSecret(value, secret);
    expect(JSON.stringify(masked)).not.toContain(secret);
    expect(masked).toEqual({ a: 'x *** y', list: ['***', { '***': ['******'] }], n: 1, none: null });
  });

  it('recognises Odoo AccessDenied', () => {
    expect(isAccessDenied(accessDeniedEnvelope(1))).toBe(true);
    expect(isAccessDenied({ error: { data: { name: 'odoo.exceptions.AccessError' } } })).toBe(false);
    expect(isAccessDenied({})).toBe(false);
  });
});
