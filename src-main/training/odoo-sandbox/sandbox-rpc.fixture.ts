import { expect } from 'vitest';
import type { OdooSandbox } from './odoo-sandbox.server';
import { SANDBOX_DATABASE, SANDBOX_USERS } from './seed-data';

/** Test support: raw JSON-RPC calls to a sandbox (plain fetch, no client in between), as any seeded user. */

export interface OdooErrorBody {
  code: number;
  message: string;
  data: { name: string; message: string };
}

export type Envelope = Record<string, unknown>;

export function rpcOf(sandbox: () => OdooSandbox) {
  async function rpc(service: string, method: string, args: unknown[], path = '/jsonrpc'): Promise<Envelope> {
    const response = await fetch(`${sandbox().url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: 1 }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Envelope;
  }
  /** `execute_kw` as the seeded user with this login. */
  function as(login: string) {
    const seed = SANDBOX_USERS.find((user) => user.login === login);
    if (!seed) throw new Error(`no seeded user ${login}`);
    return (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<Envelope> =>
      rpc('object', 'execute_kw', [SANDBOX_DATABASE, seed.uid, seed.apiKey, model, method, args, kwargs]);
  }
  return { rpc, as };
}

export function resultOf<T = unknown>(envelope: Envelope): T {
  expect(envelope.error, JSON.stringify(envelope.error)).toBeUndefined();
  return envelope.result as T;
}

export function errorOf(envelope: Envelope): OdooErrorBody {
  expect(envelope).not.toHaveProperty('result');
  expect(envelope.error).toBeDefined();
  return envelope.error as OdooErrorBody;
}

/** In company 1 only, as the dealership's chosen company makes every call. */
export const IN_COMPANY_1 = { context: { allowed_company_ids: [1] } } as const;
