import type { ReportQuery } from '../../../src-shared/contract/reports.schema';

/** Adds a parameter and answers its placeholder (`$3`). */
export function paramAdder(params: unknown[]): (value: unknown) => string {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/**
 * WHERE clauses of the reports over leads: creation time in [from, to) and the brand. The same columns as
 * the indexes `leads_created` (created_at, id) and `leads_brand` (brand, created_at, id).
 */
export function leadRangeFilters(query: ReportQuery, params: unknown[], alias = 'l'): string[] {
  const add = paramAdder(params);
  const where: string[] = [];
  if (query.from) where.push(`${alias}.created_at >= ${add(query.from)}`);
  if (query.to) where.push(`${alias}.created_at < ${add(query.to)}`);
  if (query.brand) where.push(`${alias}.brand = ${add(query.brand)}`);
  return where;
}

export function whereClause(where: readonly string[]): string {
  return where.length ? `where ${where.join(' and ')}` : '';
}

/** `count(*)` arrives as text (int8); the figures are far below 2^53. */
export function countOf(value: unknown): number {
  return Number(value ?? 0);
}

/** won / (won + lost): conversion over closed leads only; null when none is closed. */
export function conversionRate(won: number, lost: number): number | null {
  return won + lost === 0 ? null : won / (won + lost);
}
