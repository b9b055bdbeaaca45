/** Lead references: `LEAD/<year>/<number>`, a per-year counter padded to at least 5 digits. */
export const LEAD_REF_PATTERN = /^LEAD\/(\d{4})\/(\d{5,})$/;

export function formatLeadRef(year: number, counter: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid lead reference year: ${year}`);
  if (!Number.isSafeInteger(counter) || counter < 1) throw new RangeError(`Invalid lead reference number: ${counter}`);
  return `LEAD/${year}/${String(counter).padStart(5, '0')}`;
}

export interface LeadRefParts {
  year: number;
  counter: number;
}

/** Parses a reference; accepts more than five digits. Null when the text is not a lead reference. */
export function parseLeadRef(text: string): LeadRefParts | null {
  const match = LEAD_REF_PATTERN.exec(text.trim());
  if (!match) return null;
  const counter = Number(match[2]);
  if (!Number.isSafeInteger(counter) || counter < 1) return null;
  return { year: Number(match[1]), counter };
}
