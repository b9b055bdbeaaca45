import type { Lead } from '../../../src-shared/contract/entities.schema';

export type SortOrder = 'oldest' | 'newest';

export interface BoardFilter {
  /** Empty string: every brand. */
  brand: string;
  search: string;
  sort: SortOrder;
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

/** Search by reference, customer name or phone (phone compared on digits, so spacing does not matter). */
export function matchesSearch(lead: Pick<Lead, 'ref' | 'customer'>, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  if (lead.ref.toLowerCase().includes(needle) || lead.customer.name.toLowerCase().includes(needle)) return true;
  const needleDigits = digits(needle);
  return needleDigits.length >= 3 && digits(lead.customer.phone ?? '').includes(needleDigits);
}

/** Creation date order; ISO strings compare as dates, ties broken by ref so the order is stable. */
export function sortByCreated<T extends Pick<Lead, 'createdAt' | 'ref'>>(leads: T[], sort: SortOrder): T[] {
  const direction = sort === 'oldest' ? 1 : -1;
  return leads.sort((a, b) => direction * (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.ref < b.ref ? -1 : 1));
}

