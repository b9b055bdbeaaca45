import type { ConnectionCheck } from '../../src-shared/contract/ipc.contract';
import type { Dealership } from '../../src-shared/contract/entities.schema';
import { canCreateSaleOrders } from '../dealer/access-check';
import type { DealerContext } from '../dealer/dealer-context';
import type { DealerError } from '../dealer/dealer-result';
import { uidSchema } from '../dealer/odoo-schemas';
import { findProduct } from '../dealer/product-lookup';
import { AppFailure } from '../ipc/app-failure';
import { findDealership, relayContext, takeTestLease, type OdooClientFactory, type WonSession } from './won-hub';
import type { WonTiming } from './won-saga';

/**
 * Test Connection (managers): through the hub's relay on a short test lease, each check answered on its
 * own — reachability and version, sign-in with the stored key, the right to create Sales Orders, and a
 * sellable product for each vehicle model of the dealership.
 */

export interface TestConnectionDeps {
  session: WonSession;
  timing: Pick<WonTiming, 'dealerCallTimeoutMs'>;
  createClient?: OdooClientFactory | undefined;
}

export async function runTestConnection(deps: TestConnectionDeps, dealershipId: string): Promise<ConnectionCheck[]> {
  const { session } = deps;
  let leaseId: string;
  try {
    leaseId = await takeTestLease(session, dealershipId);
  } catch (error) {
    throw await explainRefusal(session, dealershipId, error);
  }
  const dealership = await findDealership(session, dealershipId);
  const ctx = relayContext(session, dealershipId, leaseId, deps.timing.dealerCallTimeoutMs, deps.createClient);
  const checks: ConnectionCheck[] = [];

  const version = await ctx.client.version();
  checks.push(
    version.ok
      ? { id: 'reachable', label: 'Odoo server reachable', ok: true, message: `Odoo ${version.value.server_version} answers at ${dealership.connection?.url ?? 'its URL'}.${seriesNote(version.value.server_serie)}` }
      : failed('reachable', 'Odoo server reachable', version.error),
  );
  if (!version.ok) return [...checks, ...skipped(dealership, 'the Odoo server could not be reached', true)];

  // The relay fills database, login and key into authenticate as it does for execute_kw.
  const uid = await ctx.client.call('common', 'authenticate', [null, null, null, {}], uidSchema);
  const signedIn = uid.ok && uid.value !== false;
  checks.push(
    uid.ok
      ? {
          id: 'authentication',
          label: 'Sign-in with the API key',
          ok: signedIn,
          message: signedIn
            ? `Signed in as ${dealership.connection?.login ?? 'the integration user'} on database ${dealership.connection?.database ?? '?'}.`
            : `The dealer's Odoo refused the login "${dealership.connection?.login ?? '?'}" with the stored API key on database "${dealership.connection?.database ?? '?'}" (wrong login, database or key, an expired key, or too many failed attempts). Enter a valid API key for the dealership and run Test Connection again.`,
        }
      : failed('authentication', 'Sign-in with the API key', uid.error),
  );
  if (!signedIn) return [...checks, ...skipped(dealership, 'the sign-in failed', false)];

  checks.push(await createRightCheck(ctx));
  for (const model of dealership.models) checks.push(await modelCheck(ctx, dealership, model));
  return checks;
}

async function createRightCheck(ctx: DealerContext): Promise<ConnectionCheck> {
  const label = 'Right to create Sales Orders';
  const right = await canCreateSaleOrders(ctx);
  if (!right.ok) return failed('create-right', label, right.error);
  return right.value
    ? { id: 'create-right', label, ok: true, message: 'The integration user may create Sales Orders.' }
    : {
        id: 'create-right',
        label,
        ok: false,
        message: "The integration user may not create Sales Orders, so Mark as Won will fail. Ask the dealership's Odoo administrator to give it the Sales / User right, then run Test Connection again.",
      };
}

async function modelCheck(ctx: DealerContext, dealership: Dealership, model: Dealership['models'][number]): Promise<ConnectionCheck> {
  const id = `model:${model.vehicleModel}`;
  const label = `Product for vehicle model "${model.vehicleModel}"`;
  const product = await findProduct(ctx, model.vehicleModel, model.productCode);
  if (!product.ok) return { ...failed(id, label, product.error), message: `Dealership "${dealership.name}": ${product.error.message}` };
  const code = product.value.default_code ? ` (internal reference ${product.value.default_code})` : '';
  return { id, label, ok: true, message: `Found "${product.value.name}"${code}.` };
}

function failed(id: string, label: string, error: DealerError): ConnectionCheck {
  return { id, label, ok: false, message: error.message };
}

/** The checks after a failed one, listed as not run so the manager sees everything that is still open. */
function skipped(dealership: Dealership, why: string, withSignIn: boolean): ConnectionCheck[] {
  const later = [
    ...(withSignIn ? [{ id: 'authentication', label: 'Sign-in with the API key' }] : []),
    { id: 'create-right', label: 'Right to create Sales Orders' },
    ...dealership.models.map((model) => ({ id: `model:${model.vehicleModel}`, label: `Product for vehicle model "${model.vehicleModel}"` })),
  ];
  return later.map((check) => ({ ...check, ok: false, message: `Not checked: ${why}.` }));
}

function seriesNote(serie: string): string {
  return serie.startsWith('18') || serie.includes('~18') ? '' : ` The integration is built for Odoo 18; this server reports ${serie}.`;
}

/** Agents and supervisors get 403 from the hub: the message names the dealership and says to ask a manager. */
async function explainRefusal(session: WonSession, dealershipId: string, error: unknown): Promise<unknown> {
  if (!(error instanceof AppFailure) || error.appError.code !== 'forbidden') return error;
  if (/ask a manager/i.test(error.appError.message)) return error;
  const name = await findDealership(session, dealershipId).then(
    (dealership) => dealership.name,
    () => dealershipId,
  );
  return AppFailure.of('forbidden', `Only managers can run Test Connection. Ask a manager to run Test Connection on dealership "${name}".`);
}
