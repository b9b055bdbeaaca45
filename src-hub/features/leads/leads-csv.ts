import type { Lead } from '../../../src-shared/contract/entities.schema';
import { LOST_REASON_LABELS } from '../../../src-shared/domain/lost-reasons';

/** The columns of `GET /leads/export.csv`, in order. */
export const LEADS_CSV_COLUMNS = [
  'Reference',
  'Customer',
  'Phone',
  'Email',
  'Brand',
  'Vehicle model',
  'Dealership',
  'Source',
  'Stage',
  'Assigned agent',
  'Created',
  'Updated',
  'Lost reason',
  'Dealer SO',
] as const;

/** Excel reads a CSV as UTF-8 only with a byte-order mark; without it "Peña" opens as "PeÃ±a". */
export const UTF8_BOM = '\uFEFF';

/** What a spreadsheet would run as a formula (OWASP "CSV injection"): =, +, -, @, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * What must be quoted: a quote, a line break, and the separator of any locale — Excel set to `;` (most of
 * Europe) or reading tabs splits an unquoted `x;=1+1` into a second cell that it runs as a formula.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * One field, RFC 4180 style: quoted when it holds a separator of any locale or a quote (quotes doubled). A
 * formula-looking value gets a leading apostrophe, and line breaks become spaces: one record per line, always
 * (the desktop counts rows by newlines).
 */
export function csvField(value: string | null): string {
  if (!value) return '';
  const text = (FORMULA_START.test(value) ? `'${value}` : value).replace(/\r\n|\r|\n/g, ' ');
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated (RFC 4180). */
export function csvRecord(fields: ReadonlyArray<string | null>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Names of the ids a lead refers to (configuration: small, read once per export). */
export interface ExportNames {
  stages: ReadonlyMap<string, string>;
  users: ReadonlyMap<string, string>;
  dealerships: ReadonlyMap<string, string>;
}

/** A lead as the fields of LEADS_CSV_COLUMNS. */
export function leadCsvFields(lead: Lead, names: ExportNames): Array<string | null> {
  return [
    lead.ref,
    lead.customer.name,
    lead.customer.phone,
    lead.customer.email,
    lead.brand,
    lead.vehicleModel,
    lead.dealershipId ? (names.dealerships.get(lead.dealershipId) ?? null) : null,
    lead.source,
    names.stages.get(lead.stageId) ?? null,
    lead.userId ? (names.users.get(lead.userId) ?? null) : null,
    lead.createdAt,
    lead.updatedAt,
    lead.lostReason ? LOST_REASON_LABELS[lead.lostReason] : null,
    lead.dealerSoName,
  ];
}

/** `leads-2026-11-23.csv` (the UTC date, as the desktop names its file). */
export function exportFileName(now: Date): string {
  return `leads-${now.toISOString().slice(0, 10)}.csv`;
}
