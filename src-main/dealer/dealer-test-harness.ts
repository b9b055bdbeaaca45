import { startOdooSandbox, type OdooSandbox, type OdooSandboxOptions } from '../training/odoo-sandbox/odoo-sandbox.server';
import { SANDBOX_DATABASE, SANDBOX_READONLY_USER, SANDBOX_USER } from '../training/odoo-sandbox/seed-data';
import type { DealerContext } from './dealer-context';
import { createOdooClient, type OdooClient } from './odoo-client';

/** Test support: a sandbox dealer on loopback and clients logged in as its two users. */

export interface DealerHarness {
  sandbox: OdooSandbox;
  client: OdooClient;
  /** bpo@sandbox.local: reads everything, creates partners and sales orders. */
  ctx: DealerContext;
  /** readonly@sandbox.local: no create right on sale.order. */
  readonlyCtx: DealerContext;
  /** Signs in as any seeded user, in a company (`allowed_company_ids`) or not. */
  as(user: { login: string; apiKey: string }, companyId?: number): Promise<DealerContext>;
}

export async function startDealerHarness(timeoutMs = 10_000, options: OdooSandboxOptions = {}): Promise<DealerHarness> {
  const sandbox = await startOdooSandbox(options);
  const client = createOdooClient({ endpoint: sandbox.endpoint, timeoutMs });
  const login = async (user: { login: string; apiKey: string }, companyId?: number): Promise<DealerContext> => {
    const uid = await client.authenticate(SANDBOX_DATABASE, user.login, user.apiKey);
    if (!uid.ok) throw new Error(`sandbox login failed: ${uid.error.message}`);
    return { client, credentials: { db: SANDBOX_DATABASE, uid: uid.value, key: user.apiKey }, ...(companyId === undefined ? {} : { companyId }) };
  };
  return { sandbox, client, ctx: await login(SANDBOX_USER), readonlyCtx: await login(SANDBOX_READONLY_USER), as: login };
}
