import { GROUPS, type GroupId } from './sandbox-groups';

/**
 * What a fresh sandbox dealer holds: one database with two companies, its integration users as dealerships
 * really set them up (groups, allowed companies), the vehicle-model products, and the customers the
 * dealer-setup tests need (one with another salesperson, one of the second company only, one by mobile).
 */

export interface SandboxProductSeed {
  /** The product's internal reference (`default_code`); null leaves it empty. */
  defaultCode: string | null;
  name: string;
  saleOk?: boolean;
  active?: boolean;
  /** `company_id`: null (the default) shares the product with every company. */
  companyId?: number | null;
}

export interface SandboxCompanySeed {
  id: number;
  name: string;
}

export interface SandboxUserSeed {
  uid: number;
  login: string;
  name: string;
  /** Null: the user cannot sign in over RPC (the dealer's own salespeople). */
  apiKey: string | null;
  groups: readonly GroupId[];
  /** Default company (`company_id`) first, then the other allowed companies (`company_ids`). */
  companyIds: readonly [number, ...number[]];
}

export interface SandboxCustomerSeed {
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  /** Login of the customer's salesperson (`user_id`). */
  salesperson: string | null;
  companyId: number | null;
}

export const SANDBOX_DATABASE = 'sandbox';

export const SANDBOX_COMPANIES: readonly SandboxCompanySeed[] = [
  { id: 1, name: 'Sandbox Motors' },
  { id: 2, name: 'Sandbox Motors North' },
];

/** The dealership's own company contact, present in every Odoo database. */
export const SANDBOX_COMPANY_NAME = 'Sandbox Motors';

export const SANDBOX_USER = { login: 'bpo@sandbox.local', apiKey: 'sandbox-api-key' } as const;
export const SANDBOX_READONLY_USER = { login: 'readonly@sandbox.local', apiKey: 'sandbox-readonly-key' } as const;
export const SANDBOX_OWN_USER = { login: 'own@sandbox.local', apiKey: 'sandbox-own-key' } as const;
export const SANDBOX_NOCONTACT_USER = { login: 'nocontact@sandbox.local', apiKey: 'sandbox-nocontact-key' } as const;
/** The dealer's sales manager: Sales Administrator, no Contact Creation, salesperson of an existing customer. */
export const SANDBOX_MANAGER_USER = { login: 'manager@sandbox.local', apiKey: 'sandbox-manager-key' } as const;

export const SANDBOX_USERS: readonly SandboxUserSeed[] = [
  {
    uid: 2,
    ...SANDBOX_USER,
    name: 'BPO Integration',
    groups: [GROUPS.salesAllDocuments, GROUPS.contactCreation],
    companyIds: [1, 2],
  },
  {
    uid: 5,
    ...SANDBOX_MANAGER_USER,
    name: 'Dana Reyes',
    groups: [GROUPS.salesAdministrator],
    companyIds: [1, 2],
  },
  {
    uid: 6,
    ...SANDBOX_READONLY_USER,
    name: 'Read Only',
    groups: [GROUPS.internalUser, GROUPS.readOnly],
    companyIds: [1],
  },
  {
    uid: 7,
    ...SANDBOX_OWN_USER,
    name: 'Own Documents',
    groups: [GROUPS.salesOwnDocuments, GROUPS.contactCreation],
    companyIds: [1, 2],
  },
  {
    uid: 8,
    ...SANDBOX_NOCONTACT_USER,
    name: 'No Contact Creation',
    groups: [GROUPS.salesAllDocuments],
    companyIds: [1, 2],
  },
];

/** Two brands, four models each; `default_code` is the model name as the dealerships configure it. */
export const DEFAULT_VEHICLE_PRODUCTS: readonly SandboxProductSeed[] = [
  { defaultCode: 'Vios', name: 'Toyota Vios 1.3 XLE CVT' },
  { defaultCode: 'Corolla Cross', name: 'Toyota Corolla Cross 1.8 V Hybrid' },
  { defaultCode: 'Fortuner', name: 'Toyota Fortuner 2.4 G 4x2 AT' },
  { defaultCode: 'Hilux', name: 'Toyota Hilux 2.4 E 4x2 MT' },
  { defaultCode: 'City', name: 'Honda City 1.5 V CVT' },
  { defaultCode: 'Civic', name: 'Honda Civic 1.5 RS Turbo' },
  { defaultCode: 'CR-V', name: 'Honda CR-V 2.0 e:HEV' },
  { defaultCode: 'BR-V', name: 'Honda BR-V 1.5 S CVT' },
  // The dealer-setup cases: sold by the second company only, and a model the dealer archived.
  { defaultCode: 'Hiace', name: 'Toyota Hiace Commuter 3.0', companyId: 2 },
  { defaultCode: 'Innova', name: 'Toyota Innova 2.8 E', active: false },
];

export const SANDBOX_CUSTOMERS: readonly SandboxCustomerSeed[] = [
  // An existing customer whose salesperson is the dealer's manager, not the integration user.
  { name: 'Ramon Villanueva', email: 'ramon.villanueva@example.com', phone: '0917 800 1001', mobile: null, salesperson: SANDBOX_MANAGER_USER.login, companyId: null },
  // A customer the second company keeps to itself.
  { name: 'Liza Manalo', email: 'liza.manalo@example.com', phone: '0917 800 2002', mobile: null, salesperson: null, companyId: 2 },
  // Entered by mobile only: a phone-only look-up misses it.
  { name: 'Paolo Santos', email: null, phone: null, mobile: '0917 800 3003', salesperson: null, companyId: null },
];
