import { describe, expect, it } from 'vitest';
import { RELAY_ALLOW_LIST, RELAY_MODELS } from '../../../src-shared/contract/relay.schema';
import { classifyRelayCall, fillCredentials, isAccessDenied, redactSecret, accessDeniedEnvelope, refusedArguments } from './relay-policy';

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
    expect(classifyRelayCall(execute('sale.order', 'read', ['db', 2, 'key']))).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(classifyRelayCall(execute('sale.order', 'read', [null, 2, null]))).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});

describe("Test Connection's calls about the integration user", () => {
  const call = (model: 'res.users' | 'res.company', method: 'read' | 'has_group') => ({ kind: 'execute' as const, model, method });
  const args = (model: string, method: string, positional: unknown[], kwargs: Record<string, unknown> = {}) => [null, null, null, model, method, positional, kwargs];

  it("pass for the user's own record, the allowed fields and groups", () => {
    expect(refusedArguments(call('res.users', 'read'), args('res.users', 'read', [[7]], { fields: ['company_id', 'company_ids'] }), 7)).toBeNull();
    expect(refusedArguments(call('res.users', 'read'), args('res.users', 'read', [[7], ['name']]), 7)).toBeNull();
    expect(refusedArguments(call('res.users', 'has_group'), args('res.users', 'has_group', [[7], 'base.group_partner_manager']), 7)).toBeNull();
    expect(refusedArguments(call('res.company', 'read'), args('res.company', 'read', [[1, 2]], { fields: ['name'] }), 7)).toBeNull();
    expect(refusedArguments({ kind: 'execute', model: 'sale.order', method: 'create' }, args('sale.order', 'create', [{}]), 7)).toBeNull();
  });

  it('are refused for another user, other fields or groups, or all fields', () => {
    const refused = [
      refusedArguments(call('res.users', 'read'), args('res.users', 'read', [[2]], { fields: ['name'] }), 7),
      refusedArguments(call('res.users', 'read'), args('res.users', 'read', [[7, 2]], { fields: ['name'] }), 7),
      refusedArguments(call('res.users', 'read'), args('res.users', 'read', [[7]], { fields: ['login', 'name'] }), 7),
      refusedArguments(call('res.users', 'read'), args('res.users', 'read', [[7]]), 7),
      refusedArguments(call('res.users', 'has_group'), args('res.users', 'has_group', [[7], 'base.group_system']), 7),
      refusedArguments(call('res.users', 'has_group'), args('res.users', 'has_group', [[2], 'base.group_partner_manager']), 7),
      refusedArguments(call('res.company', 'read'), args('res.company', 'read', [[1]], { fields: ['name', 'vat'] }), 7),
      refusedArguments(call('res.company', 'read'), args('res.company', 'read', [[1]]), 7),
    ];
    for (const reason of refused) expect(reason).toMatch(/^The dealer relay lets /);
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
