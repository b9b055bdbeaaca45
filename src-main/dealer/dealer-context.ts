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
  /**
   * The dealership's Odoo company: sent as `context.allowed_company_ids` on every call (orders are created in
   * it, and Odoo's record rules hide other companies), and look-ups keep to it or to shared records. Absent:
   * the integration user's default company and every company it may use, as Odoo does without a context.
   */
  companyId?: number | null;
}

/** The `company_id` condition of a customer or product look-up: the chosen company or none (shared). */
export function companyDomain(ctx: DealerContext): unknown[] {
  return ctx.companyId ? [['company_id', 'in', [ctx.companyId, false]]] : [];
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
  const withCompany = ctx.companyId ? { ...kwargs, context: { allowed_company_ids: [ctx.companyId] } } : kwargs;
  if (credentials === 'relay') return ctx.client.executeKw(null, null, null, model, method, args, withCompany, schema);
  return ctx.client.executeKw(credentials.db, credentials.uid, credentials.key, model, method, args, withCompany, schema);
}
