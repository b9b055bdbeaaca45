import { z } from 'zod';
import { MIN_PHONE_DIGITS, normalizeEmail, normalizePhone } from '../../src-shared/domain/customer';
import { companyDomain, executeWith, type DealerContext } from './dealer-context';
import { partnerHasMobile } from './dealer-identity';
import { dealerOk, type DealerResult } from './dealer-result';
import { idSchema, PARTNER_FIELDS, partnerRowSchema, type PartnerRow } from './odoo-schemas';

/** Finding or creating the customer's `res.partner` on the dealer's Odoo (DESIGN.md §5 step 2). */

export interface PartnerQuery {
  email?: string | null;
  phone?: string | null;
}

export interface PartnerLookupOptions {
  /** Country calling code for national numbers ("63"), so 0917… and +63917… compare equal. */
  defaultCountryCode?: string;
}

export interface NewPartner {
  name: string;
  email?: string | null;
  phone?: string | null;
}

const CANDIDATE_LIMIT = 50;
const PHONE_TAIL_DIGITS = 7;
const candidatesSchema = z.array(partnerRowSchema);

/** Two phone numbers are the same when their normalised digits are. */
export function samePhone(a: string | null, b: string | null, defaultCountryCode?: string): boolean {
  if (defaultCountryCode !== undefined) {
    const left = normalizePhone(a, defaultCountryCode);
    return left !== null && left === normalizePhone(b, defaultCountryCode);
  }
  const left = (a ?? '').replace(/\D/g, '');
  return left.length >= MIN_PHONE_DIGITS && left === (b ?? '').replace(/\D/g, '');
}

/** A text that LIKE matches literally: `%`, `_` and the backslash escaped (Odoo passes =ilike values to SQL as they are). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * `=ilike` pattern matching any phone that holds these digits in order, whatever the spaces, dashes or
 * brackets between them ("0917 123 4567" for "1234567"); candidates are then compared exactly.
 */
export function phoneTailPattern(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) return null;
  return `%${[...digits.slice(-PHONE_TAIL_DIGITS)].join('%')}%`;
}

/**
 * By e-mail (`=ilike`, case-insensitive), then by phone digits over `phone` and, where the dealer's Odoo has
 * it, `mobile`; only customers of the dealership's company or shared ones; the oldest match wins; null if none.
 */
export async function findPartner(ctx: DealerContext, query: PartnerQuery, options: PartnerLookupOptions = {}): Promise<DealerResult<PartnerRow | null>> {
  const email = normalizeEmail(query.email);
  if (email !== null) {
    // =ilike without wildcards: a case-insensitive equality (the relay refuses an unescaped `%` or `_`).
    const found = await candidates(ctx, [['email', '=ilike', escapeLike(email)]], false);
    if (!found.ok) return found;
    const match = found.value.find((row) => normalizeEmail(row.email) === email);
    if (match) return dealerOk(match);
  }
  const phone = query.phone ?? null;
  const pattern = phone ? phoneTailPattern(phone) : null;
  if (phone && pattern !== null) {
    const mobile = await partnerHasMobile(ctx);
    if (!mobile.ok) return mobile;
    const byPhone = ['phone', '=ilike', pattern];
    const found = await candidates(ctx, mobile.value ? ['|', byPhone, ['mobile', '=ilike', pattern]] : [byPhone], mobile.value);
    if (!found.ok) return found;
    const same = (value: string | null | undefined) => samePhone(value ?? null, phone, options.defaultCountryCode);
    const match = found.value.find((row) => same(row.phone) || same(row.mobile));
    if (match) return dealerOk(match);
  }
  return dealerOk(null);
}

function candidates(ctx: DealerContext, domain: unknown[], withMobile: boolean): Promise<DealerResult<PartnerRow[]>> {
  const fields = withMobile ? [...PARTNER_FIELDS, 'mobile'] : [...PARTNER_FIELDS];
  return executeWith(ctx, 'res.partner', 'search_read', [[...domain, ...companyDomain(ctx)]], { fields, limit: CANDIDATE_LIMIT, order: 'id' }, candidatesSchema);
}

/** A contact (not a company, shared by all companies); empty e-mail or phone are left out rather than sent as empty strings. */
export function createPartner(ctx: DealerContext, partner: NewPartner): Promise<DealerResult<number>> {
  const vals: Record<string, unknown> = { name: partner.name, is_company: false, type: 'contact' };
  const email = partner.email?.trim();
  const phone = partner.phone?.trim();
  if (email) vals.email = email;
  if (phone) vals.phone = phone;
  return executeWith(ctx, 'res.partner', 'create', [vals], {}, idSchema);
}
