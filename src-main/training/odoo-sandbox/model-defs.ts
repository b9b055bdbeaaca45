import { GROUPS } from './sandbox-groups';
import { COMMON_FIELDS, text, type FieldDef, type ModelDef, type ModelSet } from './sandbox-models';

/** The Odoo 18.0 models the Won flow and Test Connection touch, with the fields they read and write. */

export interface ModelOptions {
  /**
   * `res.partner.mobile` exists in 18.0 (`base/models/res_partner.py`) and was removed in 18.2: false builds
   * the later partner, so both phone look-up paths can be tested.
   */
  partnerMobile?: boolean;
}

const company = (label = 'Company'): FieldDef => ({ type: 'many2one', label, relation: 'res.company' });
const ACTIVE: FieldDef = { type: 'boolean', label: 'Active', default: true };

function partner(options: ModelOptions): ModelDef {
  return {
    name: 'res.partner',
    description: 'Contact',
    order: 'name, id desc',
    fields: {
      ...COMMON_FIELDS,
      name: { type: 'char', label: 'Name', required: true },
      email: { type: 'char', label: 'Email' },
      phone: { type: 'char', label: 'Phone' },
      ...(options.partnerMobile === false ? {} : { mobile: { type: 'char', label: 'Mobile' } satisfies FieldDef }),
      is_company: { type: 'boolean', label: 'Is a Company', default: false },
      type: {
        type: 'selection',
        label: 'Address Type',
        selection: [['contact', 'Contact'], ['invoice', 'Invoice Address'], ['delivery', 'Delivery Address'], ['other', 'Other Address']],
        default: 'contact',
      },
      active: ACTIVE,
      // base/models/res_partner.py: the customer's own salesperson, which a new order copies.
      user_id: { type: 'many2one', label: 'Salesperson', relation: 'res.users' },
      company_id: company(),
      // Computed in Odoo from the partner's users: false for the partners of internal users.
      partner_share: { type: 'boolean', label: 'Share Partner', computed: true, default: true },
    },
    displayName: (record) => text(record.values.name),
  };
}

const product: ModelDef = {
  name: 'product.product',
  description: 'Product Variant',
  order: 'default_code, name, id',
  fields: {
    ...COMMON_FIELDS,
    name: { type: 'char', label: 'Name', required: true },
    default_code: { type: 'char', label: 'Internal Reference' },
    sale_ok: { type: 'boolean', label: 'Can be Sold', default: true },
    active: ACTIVE,
    // Related to the template's company (product/models/product_template.py); empty: shared.
    company_id: company(),
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
    partner_id: { type: 'many2one', label: 'Customer', relation: 'res.partner', required: true, checkCompany: true },
    client_order_ref: { type: 'char', label: 'Customer Reference' },
    state: {
      type: 'selection',
      label: 'Status',
      selection: [['draft', 'Quotation'], ['sent', 'Quotation Sent'], ['sale', 'Sales Order'], ['cancel', 'Cancelled']],
      default: 'draft',
    },
    date_order: { type: 'datetime', label: 'Order Date', required: true },
    order_line: { type: 'one2many', label: 'Order Lines', relation: 'sale.order.line', inverse: 'order_id' },
    company_id: { ...company(), required: true },
    user_id: { type: 'many2one', label: 'Salesperson', relation: 'res.users' },
  },
  displayName: (record) => text(record.values.name),
  // sale/models/sale_order.py: company_id = fields.Many2one(default=lambda self: self.env.company).
  defaults: (ctx) => ({ company_id: ctx.companyId }),
  precompute: (values, ctx) => {
    // sale/models/sale_order.py, _compute_user_id: the partner's salesperson, else the user if a salesman.
    if ('user_id' in values) return;
    const partnerId = values.partner_id;
    const customer = typeof partnerId === 'number' ? ctx.lookup('res.partner', partnerId) : undefined;
    const salesperson = customer?.values.user_id;
    values.user_id = typeof salesperson === 'number' ? salesperson : ctx.groups.has(GROUPS.salesOwnDocuments) ? ctx.uid : null;
  },
};

const saleOrderLine: ModelDef = {
  name: 'sale.order.line',
  description: 'Sales Order Line',
  order: 'order_id, id',
  fields: {
    ...COMMON_FIELDS,
    order_id: { type: 'many2one', label: 'Order Reference', relation: 'sale.order', required: true },
    product_id: { type: 'many2one', label: 'Product', relation: 'product.product', checkCompany: true },
    name: { type: 'char', label: 'Description', required: true },
    product_uom_qty: { type: 'float', label: 'Quantity', default: 1 },
    // sale/models/sale_order_line.py: stored related fields of the order.
    company_id: { ...company(), computed: true },
    salesman_id: { type: 'many2one', label: 'Salesperson', relation: 'res.users', computed: true },
  },
  displayName: (record, lookup) => {
    const orderId = record.values.order_id;
    const order = typeof orderId === 'number' ? lookup('sale.order', orderId) : undefined;
    return `${text(order?.values.name)} - ${text(record.values.name)}`;
  },
  precompute: (values, ctx) => {
    const orderId = values.order_id;
    const order = typeof orderId === 'number' ? ctx.lookup('sale.order', orderId) : undefined;
    values.company_id = order?.values.company_id ?? null;
    values.salesman_id = order?.values.user_id ?? null;
    const productId = values.product_id;
    if (values.name || typeof productId !== 'number') return;
    const found = ctx.lookup('product.product', productId);
    if (found) values.name = product.displayName(found, ctx.lookup);
  },
};

const resCompany: ModelDef = {
  name: 'res.company',
  description: 'Companies',
  order: 'sequence, name',
  fields: {
    ...COMMON_FIELDS,
    name: { type: 'char', label: 'Company Name', required: true },
    sequence: { type: 'integer', label: 'Sequence', default: 10 },
    active: ACTIVE,
  },
  displayName: (record) => text(record.values.name),
};

const resUsers: ModelDef = {
  name: 'res.users',
  description: 'User',
  order: 'name, login',
  fields: {
    ...COMMON_FIELDS,
    name: { type: 'char', label: 'Name', required: true },
    login: { type: 'char', label: 'Login', required: true },
    active: ACTIVE,
    partner_id: { type: 'many2one', label: 'Related Partner', relation: 'res.partner', required: true },
    company_id: { ...company(), required: true },
    company_ids: { type: 'many2many', label: 'Companies', relation: 'res.company' },
    share: { type: 'boolean', label: 'Share User', computed: true, default: false },
  },
  displayName: (record) => text(record.values.name),
};

export function buildModels(options: ModelOptions = {}): ModelSet {
  return new Map([partner(options), product, saleOrder, saleOrderLine, resCompany, resUsers].map((model) => [model.name, model]));
}

/** The 18.0 models with every field (for code that only needs the shape, such as the domain tests). */
export const ODOO_18_MODELS: ModelSet = buildModels();
