/** What a fresh sandbox dealer holds: one database, two integration users, the vehicle-model products. */

export type AccessOperation = 'read' | 'write' | 'create' | 'unlink';

export interface SandboxProductSeed {
  /** The product's internal reference (`default_code`); null leaves it empty. */
  defaultCode: string | null;
  name: string;
  saleOk?: boolean;
  active?: boolean;
}

export interface SandboxUserSeed {
  uid: number;
  login: string;
  name: string;
  apiKey: string;
  /** ir.model.access, per model. */
  rights: Readonly<Record<string, readonly AccessOperation[]>>;
}

export const SANDBOX_DATABASE = 'sandbox';

export const SANDBOX_USER = { login: 'bpo@sandbox.local', apiKey: 'sandbox-api-key' } as const;
export const SANDBOX_READONLY_USER = { login: 'readonly@sandbox.local', apiKey: 'sandbox-readonly-key' } as const;

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
];

const READ_ALL = {
  'res.partner': ['read'],
  'product.product': ['read'],
  'sale.order': ['read'],
  'sale.order.line': ['read'],
} as const satisfies Record<string, readonly AccessOperation[]>;

export const SANDBOX_USERS: readonly SandboxUserSeed[] = [
  {
    uid: 2,
    login: SANDBOX_USER.login,
    name: 'BPO Integration',
    apiKey: SANDBOX_USER.apiKey,
    rights: {
      ...READ_ALL,
      'res.partner': ['read', 'write', 'create'],
      'sale.order': ['read', 'write', 'create'],
      'sale.order.line': ['read', 'write', 'create'],
    },
  },
  {
    uid: 6,
    login: SANDBOX_READONLY_USER.login,
    name: 'Read Only',
    apiKey: SANDBOX_READONLY_USER.apiKey,
    rights: READ_ALL,
  },
];

/** The dealership's own company contact, present in every Odoo database. */
export const SANDBOX_COMPANY_NAME = 'Sandbox Motors';
