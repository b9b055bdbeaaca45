import type { ConnectionCheck } from '../../src-shared/contract/ipc.contract';
import type { Dealership, OdooCompany } from '../../src-shared/contract/entities.schema';
import { canCreate } from '../dealer/access-check';
import type { DealerContext } from '../dealer/dealer-context';
import type { DealerError } from '../dealer/dealer-result';
import { hasGroup, type UserCompanies } from '../dealer/dealer-user';
import { ODOO_SETTINGS } from '../dealer/odoo-settings';
import { findProduct } from '../dealer/product-lookup';

/**
 * The lines of Test Connection after sign-in, one per thing Mark as Won needs, each failing one saying what
 * to change in the dealer's Odoo in its own menu words.
 */

export const LABELS = {
  reachable: 'Odoo server reachable',
  authentication: 'Sign-in with the API key',
  company: 'Odoo company for Sales Orders',
  orderCreate: 'Right to create Sales Orders',
  contactCreate: 'Right to create contacts',
  ownDocuments: 'Orders of other salespeople',
  model: (vehicleModel: string) => `Product for vehicle model "${vehicleModel}"`,
} as const;

export function failed(id: string, label: string, error: DealerError): ConnectionCheck {
  return { id, label, ok: false, message: error.message };
}

const list = (companies: readonly OdooCompany[]) => companies.map((company) => `"${company.name}"`).join(', ');

/** The company line, and the company the later checks (and Mark as Won) run in: the chosen one if the user may use it. */
export function companyCheck(dealership: Dealership, read: UserCompanies): { check: ConnectionCheck; companyId: number | null } {
  const login = dealership.connection?.login ?? null;
  const chosen = dealership.connection?.company ?? null;
  const base = { id: 'company', label: LABELS.company };
  if (chosen) {
    const current = read.companies.find((company) => company.id === chosen.id);
    if (current) return { companyId: current.id, check: { ...base, ok: true, message: `Sales Orders are created in "${current.name}", the company chosen for this dealership.` } };
    return {
      companyId: null,
      check: {
        ...base,
        ok: false,
        message:
          `The integration user may not use "${chosen.name}", the company chosen for this dealership (it may use ${list(read.companies) || 'none'}). ` +
          `${ODOO_SETTINGS.allowedCompany(login, chosen.name)} Or choose one of its companies in Configuration. The checks below ran in its default company.`,
      },
    };
  }
  const [only, ...others] = read.companies;
  if (only && others.length === 0) return { companyId: null, check: { ...base, ok: true, message: `Sales Orders are created in "${only.name}", the integration user's only company.` } };
  const fallback = read.companies.find((company) => company.id === read.defaultId)?.name ?? 'its default company';
  return {
    companyId: null,
    check: {
      ...base,
      ok: false,
      message:
        `No Odoo company is chosen for this dealership and the integration user may use several (${list(read.companies)}): orders would go to "${fallback}", ` +
        `and a customer or product of another company makes Mark as Won fail. ${ODOO_SETTINGS.chooseCompany}`,
    },
  };
}

export async function orderCreateCheck(ctx: DealerContext, login: string | null): Promise<ConnectionCheck> {
  const base = { id: 'order-create', label: LABELS.orderCreate };
  const right = await canCreate(ctx, 'sale.order');
  if (!right.ok) return failed(base.id, base.label, right.error);
  if (right.value) return { ...base, ok: true, message: 'The integration user may create Sales Orders.' };
  return { ...base, ok: false, message: `The integration user may not create Sales Orders, so Mark as Won fails. ${ODOO_SETTINGS.salesAllDocuments(login)}` };
}

export async function contactCreateCheck(ctx: DealerContext, login: string | null): Promise<ConnectionCheck> {
  const base = { id: 'contact-create', label: LABELS.contactCreate };
  const right = await canCreate(ctx, 'res.partner');
  if (!right.ok) return failed(base.id, base.label, right.error);
  if (right.value) return { ...base, ok: true, message: 'The integration user may create contacts for customers new to the dealer.' };
  return {
    ...base,
    ok: false,
    message: `The integration user may not create contacts, so Mark as Won fails for every customer new to the dealer. ${ODOO_SETTINGS.contactCreation(login)}`,
  };
}

/**
 * Whether the user is bound to its own documents (`sale_order_personal_rule`), which `has_access` cannot
 * tell: fine for Mark as Won, which names the integration user as the order's salesperson, but an order the
 * dealer hands to another salesperson before a retry is then out of its sight.
 */
export async function ownDocumentsCheck(ctx: DealerContext, uid: number, login: string | null): Promise<ConnectionCheck> {
  const base = { id: 'own-documents', label: LABELS.ownDocuments };
  const allDocuments = await hasGroup(ctx, uid, 'sales_team.group_sale_salesman_all_leads');
  if (!allDocuments.ok) return failed(base.id, base.label, allDocuments.error);
  if (allDocuments.value) return { ...base, ok: true, message: 'Sees every Sales Order (Sales: "User: All Documents"), so a retry always finds the order it created.' };
  const salesman = await hasGroup(ctx, uid, 'sales_team.group_sale_salesman');
  if (!salesman.ok) return failed(base.id, base.label, salesman.error);
  if (!salesman.value) return { ...base, ok: false, message: `The integration user has no Sales rights. ${ODOO_SETTINGS.salesAllDocuments(login)}` };
  return {
    ...base,
    ok: true,
    message:
      'Bound to its own documents (Sales: "User: Own Documents Only"). Mark as Won still works: it creates each order with the integration user as Salesperson and finds it again. ' +
      `But an order the dealer hands to another salesperson before a retry is out of its sight, and the retry would create a second one. Recommended: ${ODOO_SETTINGS.salesAllDocuments(login)}`,
  };
}

export async function modelCheck(ctx: DealerContext, dealership: Dealership, model: Dealership['models'][number], companyName: string | null): Promise<ConnectionCheck> {
  const id = `model:${model.vehicleModel}`;
  const label = LABELS.model(model.vehicleModel);
  const product = await findProduct(ctx, model.vehicleModel, model.productCode);
  if (!product.ok) return { ...failed(id, label, product.error), message: `Dealership "${dealership.name}": ${product.error.message}` };
  const code = product.value.default_code ? ` (internal reference ${product.value.default_code})` : '';
  return { id, label, ok: true, message: `Found "${product.value.name}"${code}, for sale${companyName ? ` in "${companyName}"` : ''}.` };
}
