import { buildModels, type ModelOptions } from './model-defs';
import { withImplied } from './sandbox-groups';
import type { FieldValue } from './sandbox-models';
import { SandboxDatabase, type Clock } from './sandbox-store';
import { SANDBOX_COMPANIES, SANDBOX_CUSTOMERS, SANDBOX_USERS, type SandboxProductSeed } from './seed-data';

/** Fills a fresh database from seed-data.ts: companies, users and their partners, customers, products. */

export interface SeedOptions extends ModelOptions {
  products: readonly SandboxProductSeed[];
}

const contact = { email: null, phone: null, is_company: false, type: 'contact', active: true, user_id: null, company_id: null, partner_share: true } as const;

export function createSandboxDatabase(name: string, clock: Clock, options: SeedOptions): SandboxDatabase {
  const db = new SandboxDatabase(name, clock, buildModels(options));
  const withMobile = options.partnerMobile !== false;
  const mobile = (value: string | null): Record<string, FieldValue> => (withMobile ? { mobile: value } : {});
  const [first] = SANDBOX_COMPANIES;
  if (first) db.insert('res.partner', { ...contact, ...mobile(null), name: first.name, is_company: true });
  for (const company of SANDBOX_COMPANIES) db.insert('res.company', { name: company.name, sequence: 10, active: true }, company.id);
  for (const seed of SANDBOX_USERS) {
    // The partners of internal users are visible in every company (partner_share false).
    const partnerId = db.insert('res.partner', { ...contact, ...mobile(null), name: seed.name, email: seed.login, partner_share: false });
    const [companyId] = seed.companyIds;
    db.insert('res.users', { name: seed.name, login: seed.login, active: true, partner_id: partnerId, company_id: companyId, company_ids: [...seed.companyIds], share: false }, seed.uid);
    db.users.push({
      uid: seed.uid,
      login: seed.login,
      name: seed.name,
      apiKeys: seed.apiKey === null ? [] : [{ key: seed.apiKey, expiresAt: null }],
      groups: withImplied(seed.groups),
      companyId,
      companyIds: seed.companyIds,
    });
  }
  for (const company of SANDBOX_COMPANIES.slice(1)) db.insert('res.partner', { ...contact, ...mobile(null), name: company.name, is_company: true });
  for (const customer of SANDBOX_CUSTOMERS) {
    const salesperson = db.users.find((user) => user.login === customer.salesperson)?.uid ?? null;
    db.insert('res.partner', { ...contact, ...mobile(customer.mobile), name: customer.name, email: customer.email, phone: customer.phone, user_id: salesperson, company_id: customer.companyId });
  }
  for (const product of options.products) {
    db.insert('product.product', {
      name: product.name,
      default_code: product.defaultCode,
      sale_ok: product.saleOk ?? true,
      active: product.active ?? true,
      company_id: product.companyId ?? null,
    });
  }
  return db;
}
