/**
 * Customer keys for de-duplication (intake and manual create share them). A phone is reduced to digits in
 * international form; an e-mail is trimmed and lower-cased. Null means "no usable key".
 */
export const MIN_PHONE_DIGITS = 6;

export function normalizePhone(raw: string | null | undefined, defaultCountryCode: string): string | null {
  if (!raw) return null;
  const text = raw.trim();
  const digits = text.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) return null;
  const country = defaultCountryCode.replace(/\D/g, '');
  if (text.startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  // A national number written with its trunk prefix: 0917… → <country>917…
  if (digits.startsWith('0')) return country + digits.slice(1);
  return country + digits;
}

export function normalizeEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw.trim().toLowerCase();
  if (!email.includes('@')) return null;
  return email;
}

export interface CustomerKeys {
  phone: string | null;
  email: string | null;
}

export function customerKeys(
  customer: { phone?: string | null; email?: string | null },
  defaultCountryCode: string,
): CustomerKeys {
  return { phone: normalizePhone(customer.phone, defaultCountryCode), email: normalizeEmail(customer.email) };
}
