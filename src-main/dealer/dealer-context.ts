import type { z } from 'zod';
import type { DealerResult } from './dealer-result';
import type { OdooClient } from './odoo-client';

/**
 * Where database, uid and API key come from: given here (direct connection, tests, training), or
 * `'relay'`, where args 0–2 of execute_kw are sent as null and the hub's relay fills them in so the key
 * never reaches the workstation.
 */
export type DealerCredentials = { db: string; uid: number; key: string } | 'relay';

export interface DealerContext {
  client: OdooClient;
  credentials: DealerCredentials;
}

export function executeWith<T>(
  ctx: DealerContext,
  model: string,
  method: string,
  args: unknown[],
  kwargs: Record<string, unknown>,
  schema: z.ZodType<T>,
): Promise<DealerResult<T>> {
  const { credentials } = ctx;
  if (credentials === 'relay') return ctx.client.executeKw(null, null, null, model, method, args, kwargs, schema);
  return ctx.client.executeKw(credentials.db, credentials.uid, credentials.key, model, method, args, kwargs, schema);
}
