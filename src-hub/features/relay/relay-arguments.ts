import { z } from 'zod';
import { FIELD_MAX } from '../../../src-shared/contract/fields.schema';
import { RELAY_COMPANY_FIELDS, RELAY_GROUPS, RELAY_USER_FIELDS, RELAY_WON_ORDER_FIELDS, RELAY_PARTNER_FIELDS, RELAY_PRODUCT_FIELDS } from '../../../src-shared/contract/relay.schema';
import type { LeaseKind } from './relay-leases.repo';

/**
 * The arguments each allowed `execute_kw` may carry: exactly the shapes the Won flow and Test Connection send
 * (src-main/dealer), so that a workstation holding a lease can look up one customer, one product and its own
 * order, create one contact and one order for the lead it is winning, and ask about the integration user —
 * and nothing else: no whole-table reads, no nested writes (`user_ids` commands), no order `state`.
 */

export interface ArgumentFacts {
  /** The integration user's uid, as the relay signed in. */
  uid: number;
  lease: LeaseKind;
  /** The reference of the lead a Won lease is for (`client_order_ref`); null on a Test Connection lease. */
  leadRef: string | null;
}

interface Shape {
  leases: readonly LeaseKind[];
  /** `[positional args, kwargs]` as execute_kw sends them (args 5 and 6). */
  args: z.ZodType;
  /** What the call may be, for the refusal. */
  allows: string;
}

const id = z.int().positive();
const MAX_ORDER_QUANTITY = 1000;
const MAX_COMPANIES = 50;

/** `context.allowed_company_ids` of one company (the dealership's), or no context. */
const kwargs = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, context: z.strictObject({ allowed_company_ids: z.tuple([id]) }).optional() });
const fieldsOf = (allowed: readonly [string, ...string[]]) => z.array(z.enum(allowed)).min(1).max(allowed.length);
const term = <F extends string, O extends string>(field: F, operator: O, value: z.ZodType) => z.tuple([z.literal(field), z.literal(operator), value]);

/** A `=ilike` value with no unescaped `%` or `_`: it matches one exact text, never a pattern. */
const exactLike = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((text) => !/(^|[^\\])(\\\\)*[%_]/.test(text), 'must not hold an unescaped % or _ (LIKE wildcards): escape them with a backslash');

/** phoneTailPattern's shape: the last six or seven digits of a number, any characters between them. */
const phoneDigits = z.string().regex(/^%(?:\d%){6,7}$/, 'must be the digits of one phone number, as %0%9%1%7%1%2%3%');
const companyTerm = term('company_id', 'in', z.tuple([id, z.literal(false)]));
const emailTerm = term('email', '=ilike', exactLike(FIELD_MAX.email).refine((text) => text.includes('@'), 'must be an e-mail address'));
const phoneTerm = term('phone', '=ilike', phoneDigits);

const partnerDomain = z.union([
  z.tuple([emailTerm]),
  z.tuple([emailTerm, companyTerm]),
  z.tuple([phoneTerm]),
  z.tuple([phoneTerm, companyTerm]),
  z.tuple([z.literal('|'), phoneTerm, term('mobile', '=ilike', phoneDigits)]),
  z.tuple([z.literal('|'), phoneTerm, term('mobile', '=ilike', phoneDigits), companyTerm]),
]);

const sellable = term('sale_ok', '=', z.literal(true));
const productText = z.string().trim().min(1).max(FIELD_MAX.vehicleModel);
const productDomain = z.union([
  z.tuple([term('default_code', '=', productText), sellable]),
  z.tuple([term('default_code', '=', productText), sellable, companyTerm]),
  z.tuple([term('name', 'ilike', productText), sellable]),
  z.tuple([term('name', 'ilike', productText), sellable, companyTerm]),
]);

const searchKwargs = (fields: readonly [string, ...string[]], limit: number) => kwargs({ fields: fieldsOf(fields), limit: z.int().min(1).max(limit), order: z.literal('id') });
const createRight = z.tuple([z.tuple([]), z.literal('create')]);

/**
 * The facts of the call being checked, read by the schemas below while `refusedArguments` parses (synchronously, so
 * no other call's facts can be in place): the shapes are built once instead of per call — zod compiles an object
 * schema on its first parse, and building them all for each call cost 10 ms of CPU a call (two calls alternating,
 * 400 calls); built once, 0.02 ms.
 */
let checking: ArgumentFacts = { uid: 0, lease: 'test', leadRef: null };

/** The lead's reference of the call being checked (`client_order_ref`); nothing matches on a Test Connection lease. */
const ref = z.string().refine((text) => text === checking.leadRef, {
  error: () => (checking.leadRef === null ? 'no lead reference is allowed under this lease' : `Invalid input: expected ${JSON.stringify(checking.leadRef)}`),
});
/** The integration user's uid of the call being checked. */
const ownUid = z.number().refine((uid) => uid === checking.uid, { error: () => `Invalid input: expected ${checking.uid}` });

const both: LeaseKind[] = ['won', 'test'];
/** Test Connection's create-right checks, the same on a partner and on an order: has_access (Odoo 18), check_access_rights (before it). */
const hasAccess: Shape = { leases: ['test'], args: z.tuple([createRight, kwargs({})]), allows: "has_access([], 'create')" };
const checkAccessRights: Shape = {
  leases: ['test'],
  args: z.tuple([z.tuple([z.literal('create')]), kwargs({ raise_exception: z.literal(false) })]),
  allows: "check_access_rights('create', raise_exception=False)",
};
const SHAPES: Record<string, Shape> = {
  'res.partner.search_read': {
    leases: ['won'],
    args: z.tuple([z.tuple([partnerDomain]), searchKwargs(RELAY_PARTNER_FIELDS, 50)]),
    allows: 'one customer looked up by exact e-mail or by phone digits (phone, or phone | mobile), optionally within one company; fields name, email, phone, mobile; limit ≤ 50',
  },
  'res.partner.create': {
    leases: ['won'],
    args: z.tuple([
      z.tuple([
        z.strictObject({
          name: z.string().trim().min(1).max(FIELD_MAX.personName),
          is_company: z.literal(false),
          type: z.literal('contact'),
          email: z.string().min(1).max(FIELD_MAX.email).optional(),
          phone: z.string().min(1).max(FIELD_MAX.phone).optional(),
        }),
      ]),
      kwargs({}),
    ]),
    allows: 'one contact with name, is_company false, type contact, email and phone only',
  },
  'res.partner.fields_get': {
    leases: both,
    args: z.tuple([z.tuple([z.tuple([z.literal('mobile')])]), kwargs({ attributes: z.tuple([z.literal('type')]) })]),
    allows: "fields_get(['mobile'], attributes=['type'])",
  },
  'res.partner.has_access': hasAccess,
  'res.partner.check_access_rights': checkAccessRights,
  'product.product.search_read': {
    leases: both,
    args: z.tuple([z.tuple([productDomain]), searchKwargs(RELAY_PRODUCT_FIELDS, 20)]),
    allows: 'sellable products by internal reference (=) or name (ilike), optionally within one company; fields name, default_code; limit ≤ 20',
  },
  'sale.order.search_read': {
    leases: ['won'],
    args: z.tuple([
      z.tuple([z.union([z.tuple([term('client_order_ref', '=', ref), term('state', '!=', z.literal('cancel'))]), z.tuple([term('id', '=', id), term('client_order_ref', '=', ref)])])]),
      searchKwargs(RELAY_WON_ORDER_FIELDS, 1),
    ]),
    allows: "the lead's own order, by client_order_ref = the lead's reference; limit 1",
  },
  'sale.order.create': {
    leases: ['won'],
    args: z.tuple([
      z.tuple([
        z.strictObject({
          partner_id: id,
          client_order_ref: ref,
          user_id: ownUid.optional(),
          order_line: z.tuple([z.tuple([z.literal(0), z.literal(0), z.strictObject({ product_id: id, product_uom_qty: z.number().positive().max(MAX_ORDER_QUANTITY) })])]),
        }),
      ]),
      kwargs({}),
    ]),
    allows: "one order for the lead's reference with one line (product, quantity), the integration user as salesperson; no other values",
  },
  'sale.order.has_access': hasAccess,
  'sale.order.check_access_rights': checkAccessRights,
  'res.users.read': {
    leases: ['test'],
    args: z.tuple([z.tuple([z.tuple([ownUid])]), kwargs({ fields: fieldsOf(RELAY_USER_FIELDS) })]),
    allows: `the integration user's own record, fields ${RELAY_USER_FIELDS.join(', ')}`,
  },
  'res.users.has_group': {
    leases: ['test'],
    args: z.tuple([z.tuple([z.tuple([ownUid]), z.enum(RELAY_GROUPS)]), kwargs({})]),
    allows: `the integration user's own groups among ${RELAY_GROUPS.join(', ')}`,
  },
  'res.company.read': {
    leases: ['test'],
    args: z.tuple([z.tuple([z.array(id).min(1).max(MAX_COMPANIES)]), kwargs({ fields: fieldsOf(RELAY_COMPANY_FIELDS) })]),
    allows: `companies' ${RELAY_COMPANY_FIELDS.join(', ')}`,
  },
};

/** Null when this lease may make the call at all (checked before the relay signs in), else why not. */
export function refusedLease(model: string, method: string, lease: LeaseKind): string | null {
  const shape = SHAPES[`${model}.${method}`];
  if (!shape || shape.leases.includes(lease)) return null;
  return `The dealer relay allows ${model}.${method} under a ${shape.leases.map(leaseName).join(' or ')} lease only.`;
}

/** Null when this execute_kw's arguments (args 5 and 6) are a shape the app sends under this lease, else why not. */
export function refusedArguments(model: string, method: string, args: readonly unknown[], facts: ArgumentFacts): string | null {
  const name = `${model}.${method}`;
  const shape = SHAPES[name];
  if (!shape) return `The dealer relay does not allow execute_kw ${name}.`;
  const lease = refusedLease(model, method, facts.lease);
  if (lease) return lease;
  checking = facts;
  const parsed = shape.args.safeParse([args[5], args[6] ?? {}]);
  if (parsed.success) return null;
  const [issue] = parsed.error.issues;
  const [head, ...rest] = issue?.path ?? [];
  const where = `args[${head === 1 ? 6 : 5}]${rest.map((step) => `[${typeof step === 'number' ? step : JSON.stringify(step)}]`).join('')}`;
  return `The dealer relay refuses ${name} with these arguments (${where}: ${issue?.message ?? 'not a shape the app sends'}); it allows ${shape.allows}.`;
}

const leaseName = (kind: LeaseKind): string => (kind === 'won' ? 'Mark as Won' : 'Test Connection');
