/**
 * The few Odoo 18 models the Won flow touches, described just enough for the sandbox to store, search and
 * read them the way the real ORM does (field types decide how values read back).
 */
export type FieldValue = string | number | boolean | null;
export type FieldType = 'char' | 'boolean' | 'integer' | 'float' | 'selection' | 'datetime' | 'many2one' | 'one2many';

export interface FieldDef {
  readonly type: FieldType;
  readonly label: string;
  /** NOT NULL in the database: a missing value fails the whole create. */
  readonly required?: boolean;
  /** Target model of a many2one / one2many. */
  readonly relation?: string;
  /** one2many: the many2one on the relation that points back. */
  readonly inverse?: string;
  readonly selection?: readonly string[];
  /** Set by the server, never from `vals` (id, create_date, display_name). */
  readonly computed?: boolean;
  readonly default?: FieldValue;
}

export interface StoredRecord {
  readonly id: number;
  readonly values: Record<string, FieldValue>;
}

/** Finds a stored record of another model (for display names of many2one values). */
export type RecordLookup = (model: string, id: number) => StoredRecord | undefined;

export interface ModelDef {
  readonly name: string;
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
  /** `_order` of the Odoo model. */
  readonly order: string;
  /** A sequence-numbered field (sale.order's `name`). */
  readonly sequence?: { readonly field: string; readonly prefix: string; readonly padding: number };
  displayName(record: StoredRecord, lookup: RecordLookup): string;
  /** Stored computed fields filled on create when `vals` leaves them out. */
  precompute?(values: Record<string, FieldValue>, lookup: RecordLookup): void;
}

const COMMON_FIELDS: Record<string, FieldDef> = {
  id: { type: 'integer', label: 'ID', computed: true },
  display_name: { type: 'char', label: 'Display Name', computed: true },
  create_date: { type: 'datetime', label: 'Created on', computed: true },
  write_date: { type: 'datetime', label: 'Last Updated on', computed: true },
};

function text(value: FieldValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

const partner: ModelDef = {
  name: 'res.partner',
  description: 'Contact',
  order: 'name, id desc',
  fields: {
    ...COMMON_FIELDS,
    name: { type: 'char', label: 'Name', required: true },
    email: { type: 'char', label: 'Email' },
    phone: { type: 'char', label: 'Phone' },
    is_company: { type: 'boolean', label: 'Is a Company', default: false },
    type: { type: 'selection', label: 'Address Type', selection: ['contact', 'invoice', 'delivery', 'other'], default: 'contact' },
    active: { type: 'boolean', label: 'Active', default: true },
  },
  displayName: (record) => text(record.values.name),
};

const product: ModelDef = {
  name: 'product.product',
  description: 'Product Variant',
  order: 'default_code, name, id',
  fields: {
    ...COMMON_FIELDS,
    name: { type: 'char', label: 'Name', required: true },
    default_code: { type: 'char', label: 'Internal Reference' },
    sale_ok: { type: 'boolean', label: 'Can be Sold', default: true },
    active: { type: 'boolean', label: 'Active', default: true },
  },
  displayName: (record) => {
    const code = text(record.values.default_code);
    return code ? `[${code}] ${text(record.values.name)}` : text(record.values.name);
  },
};

const saleOrder: ModelDef = {
  name: 'sale.order',
  description: 'Sales Order',
  order: 'date_order desc, id desc',
  sequence: { field: 'name', prefix: 'S', padding: 5 },
  fields: {
    ...COMMON_FIELDS,
    name: { type: 'char', label: 'Order Reference', required: true },
    partner_id: { type: 'many2one', label: 'Customer', relation: 'res.partner', required: true },
    client_order_ref: { type: 'char', label: 'Customer Reference' },
    state: { type: 'selection', label: 'Status', selection: ['draft', 'sent', 'sale', 'cancel'], default: 'draft' },
    date_order: { type: 'datetime', label: 'Order Date', required: true },
    order_line: { type: 'one2many', label: 'Order Lines', relation: 'sale.order.line', inverse: 'order_id' },
  },
  displayName: (record) => text(record.values.name),
};

const saleOrderLine: ModelDef = {
  name: 'sale.order.line',
  description: 'Sales Order Line',
  order: 'order_id, id',
  fields: {
    ...COMMON_FIELDS,
    order_id: { type: 'many2one', label: 'Order Reference', relation: 'sale.order', required: true },
    product_id: { type: 'many2one', label: 'Product', relation: 'product.product' },
    name: { type: 'char', label: 'Description', required: true },
    product_uom_qty: { type: 'float', label: 'Quantity', default: 1 },
  },
  displayName: (record, lookup) => {
    const orderId = record.values.order_id;
    const order = typeof orderId === 'number' ? lookup('sale.order', orderId) : undefined;
    return `${text(order?.values.name)} - ${text(record.values.name)}`;
  },
  precompute: (values, lookup) => {
    const productId = values.product_id;
    if (values.name || typeof productId !== 'number') return;
    const found = lookup('product.product', productId);
    if (found) values.name = product.displayName(found, lookup);
  },
};

export const SANDBOX_MODELS: ReadonlyMap<string, ModelDef> = new Map(
  [partner, product, saleOrder, saleOrderLine].map((model) => [model.name, model]),
);

/** Odoo stores datetimes in UTC and reads them back as "YYYY-MM-DD HH:MM:SS". */
export function formatOdooDatetime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}
