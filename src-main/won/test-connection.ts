import type { ConnectionCheck, TestConnectionOutput } from '../../src-shared/contract/ipc.contract';
import type { Dealership } from '../../src-shared/contract/entities.schema';
import type { DealerContext } from '../dealer/dealer-context';
import { readUserCompanies } from '../dealer/dealer-user';
import { uidSchema } from '../dealer/odoo-schemas';
import { AppFailure } from '../ipc/app-failure';
import { companyCheck, contactCreateCheck, failed, LABELS, modelCheck, orderCreateCheck, ownDocumentsCheck } from './connection-checks';
import { findDealership, relayContext, takeTestLease, type OdooClientFactory, type WonSession } from './won-hub';
import type { WonTiming } from './won-saga';

/**
 * Test Connection (managers): through the hub's relay on a short test lease, one line per thing Mark as Won
 * needs — reachability and version, sign-in with the stored key, the Odoo company, the rights to create
 * orders and contacts, the own-documents binding, and a saleable product in that company for each vehicle
 * model — and the companies the integration user may use, for the manager to choose from.
 */

export interface TestConnectionDeps {
  session: WonSession;
  timing: Pick<WonTiming, 'dealerCallTimeoutMs'>;
  createClient?: OdooClientFactory | undefined;
}

export async function runTestConnection(deps: TestConnectionDeps, dealershipId: string): Promise<TestConnectionOutput> {
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
  const login = dealership.connection?.login ?? null;

  const version = await ctx.client.version();
  checks.push(
    version.ok
      ? { id: 'reachable', label: LABELS.reachable, ok: true, message: `Odoo ${version.value.server_version} answers at ${dealership.connection?.url ?? 'its URL'}.${seriesNote(version.value.server_serie)}` }
      : failed('reachable', LABELS.reachable, version.error),
  );
  if (!version.ok) return { checks: [...checks, ...skipped(dealership, 'the Odoo server could not be reached', 'authentication')], companies: [] };

  // The relay fills database, login and key into authenticate as it does for execute_kw.
  const uid = await ctx.client.call('common', 'authenticate', [null, null, null, {}], uidSchema);
  const signedIn = uid.ok && uid.value !== false;
  checks.push(
    uid.ok
      ? {
          id: 'authentication',
          label: LABELS.authentication,
          ok: signedIn,
          message: signedIn
            ? `Signed in as ${login ?? 'the integration user'} on database ${dealership.connection?.database ?? '?'}.`
            : `The dealer's Odoo refused the login "${login ?? '?'}" with the stored API key on database "${dealership.connection?.database ?? '?'}" (wrong login, database or key, an expired key, or too many failed attempts). Enter a valid API key for the dealership and run Test Connection again.`,
        }
      : failed('authentication', LABELS.authentication, uid.error),
  );
  if (!uid.ok || uid.value === false) return { checks: [...checks, ...skipped(dealership, 'the sign-in failed', 'company')], companies: [] };

  const read = await readUserCompanies(ctx, uid.value);
  let inCompany: DealerContext = ctx;
  let companyName: string | null = null;
  if (read.ok) {
    const company = companyCheck(dealership, read.value);
    checks.push(company.check);
    inCompany = { ...ctx, companyId: company.companyId };
    companyName = read.value.companies.find((item) => item.id === company.companyId)?.name ?? null;
  } else {
    checks.push(failed('company', LABELS.company, read.error));
  }
  checks.push(await orderCreateCheck(inCompany, login));
  checks.push(await contactCreateCheck(inCompany, login));
  checks.push(await ownDocumentsCheck(inCompany, uid.value, login));
  for (const model of dealership.models) checks.push(await modelCheck(inCompany, dealership, model, companyName));
  return { checks, companies: read.ok ? read.value.companies : [] };
}

const LATER_CHECKS = ['authentication', 'company', 'order-create', 'contact-create', 'own-documents'] as const;
const LATER_LABELS: Record<(typeof LATER_CHECKS)[number], string> = {
  authentication: LABELS.authentication,
  company: LABELS.company,
  'order-create': LABELS.orderCreate,
  'contact-create': LABELS.contactCreate,
  'own-documents': LABELS.ownDocuments,
};

/** The checks after a failed one, listed as not run so the manager sees everything that is still open. */
function skipped(dealership: Dealership, why: string, from: (typeof LATER_CHECKS)[number]): ConnectionCheck[] {
  const later = [
    ...LATER_CHECKS.slice(LATER_CHECKS.indexOf(from)).map((id) => ({ id, label: LATER_LABELS[id] })),
    ...dealership.models.map((model) => ({ id: `model:${model.vehicleModel}`, label: LABELS.model(model.vehicleModel) })),
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
