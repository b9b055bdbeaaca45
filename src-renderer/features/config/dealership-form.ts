import type { Dealership, OdooCompany } from '../../../src-shared/contract/entities.schema';

export interface ModelRow {
  /** React's key for the row (rows are added and removed in place). */
  key: number;
  vehicleModel: string;
  productCode: string;
}

export interface ConnectionForm {
  url: string;
  database: string;
  login: string;
  /** Write-only: empty keeps the stored key. */
  apiKey: string;
  /** The Odoo company Sales Orders go to; null: the integration user's default company. */
  company: OdooCompany | null;
}

export interface DealershipForm {
  code: string;
  name: string;
  brands: string[];
  managerEmail: string;
  models: ModelRow[];
  connection: ConnectionForm | null;
}

let nextKey = 1;

export function modelRow(vehicleModel = '', productCode = ''): ModelRow {
  return { key: nextKey++, vehicleModel, productCode };
}

export const EMPTY_CONNECTION: ConnectionForm = { url: '', database: '', login: '', apiKey: '', company: null };

/** The editor's starting values: the stored dealership, or blanks for a new one. */
export function formOf(dealership: Dealership | null): DealershipForm {
  return {
    code: dealership?.code ?? '',
    name: dealership?.name ?? '',
    brands: [...(dealership?.brands ?? [])],
    managerEmail: dealership?.managerEmail ?? '',
    models: (dealership?.models ?? []).map((model) => modelRow(model.vehicleModel, model.productCode)),
    connection: dealership?.connection
      ? { url: dealership.connection.url, database: dealership.connection.database, login: dealership.connection.login, apiKey: '', company: dealership.connection.company }
      : null,
  };
}

const modelsOf = (form: DealershipForm) => form.models.map(({ vehicleModel, productCode }) => ({ vehicleModel, productCode }));

function connectionOf(connection: ConnectionForm) {
  const { apiKey, company, ...rest } = connection;
  const withCompany = company ? { ...rest, company } : rest;
  return apiKey === '' ? withCompany : { ...withCompany, apiKey };
}

const companyChanged = (was: Dealership['connection'], now: ConnectionForm): boolean => (was?.company?.id ?? null) !== (now.company?.id ?? null);

/** The `POST /dealerships` body, before the schema trims and checks it. */
export function createBody(form: DealershipForm): Record<string, unknown> {
  return {
    code: form.code,
    name: form.name,
    brands: form.brands,
    managerEmail: form.managerEmail,
    models: modelsOf(form),
    connection: form.connection ? connectionOf(form.connection) : null,
  };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The `PATCH /dealerships/:id` body: only what differs from the stored dealership (lists replace the stored
 * ones). The connection goes whole when any part changes (the company included) or a new key is typed;
 * `null` removes it.
 */
export function patchBody(stored: Dealership, form: DealershipForm): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (form.code !== stored.code) patch['code'] = form.code;
  if (form.name !== stored.name) patch['name'] = form.name;
  if (!sameJson(form.brands, stored.brands)) patch['brands'] = form.brands;
  if (form.managerEmail !== (stored.managerEmail ?? '')) patch['managerEmail'] = form.managerEmail;
  const models = modelsOf(form);
  if (!sameJson(models, stored.models.map(({ vehicleModel, productCode }) => ({ vehicleModel, productCode })))) patch['models'] = models;
  const was = stored.connection;
  const now = form.connection;
  if (!now) {
    if (was) patch['connection'] = null;
  } else if (!was || now.url !== was.url || now.database !== was.database || now.login !== was.login || now.apiKey !== '' || companyChanged(was, now)) {
    // A company taken away is sent as null (omitted would keep the stored one).
    patch['connection'] = now.company === null && was?.company ? { ...connectionOf(now), company: null } : connectionOf(now);
  }
  return patch;
}

/**
 * The hub keeps a stored key only while the server stays the same (scheme, host, port): a URL pointing
 * elsewhere needs the key typed again, or the save is refused naming the key.
 */
export function keyMustBeRetyped(stored: ConnectionForm | null, keyStored: boolean, now: ConnectionForm): boolean {
  return keyStored && stored !== null && now.apiKey === '' && originOf(now.url) !== originOf(stored.url);
}

function originOf(url: string): string {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return url.trim();
  }
}

/** A brand typed into the tag field: trimmed, and not a second time (case-insensitive). */
export function addBrand(brands: readonly string[], typed: string): string[] {
  const brand = typed.trim();
  if (!brand || brands.some((existing) => existing.toLowerCase() === brand.toLowerCase())) return [...brands];
  return [...brands, brand];
}
