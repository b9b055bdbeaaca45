import type { ReportQuery } from '../../../src-shared/contract/reports.schema';
import type { Database, Sql } from '../../db/database';

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

/**
 * A report's query with the memory to sort and group its counts in place (tens of thousands of rows: at the
 * default 4 MB work_mem they spill to disk, 57,000 sorted rows taking 400 ms instead of 30), without JIT
 * compilation (tens of milliseconds of compiling for a query that runs in less) and without parallel workers:
 * grouping a month of leads (86,400 of 1,000,000), the planner priced a parallel scan of the whole table below
 * the index range and took 1,500 ms instead of 40. All three last only for this transaction. Its statements
 * read one snapshot (repeatable read, read only: it never fails for it): a report that counts a month
 * and takes part of it away must see the same leads in both.
 */
export async function inReportTransaction<T>(db: Database, work: (tx: Sql) => Promise<T>): Promise<T> {
  return inReportReaders(db, 1, ([tx]) => work(tx!));
}

/**
 * inReportTransaction's settings and snapshot for `count` readers whose statements may run side by side
 * (Database.sharedSnapshot): a report whose parts are independent reads asks for them together.
 */
export async function inReportReaders<T>(db: Database, count: number, work: (readers: Sql[]) => Promise<T>): Promise<T> {
  return db.sharedSnapshot(count, async (readers) => {
    await Promise.all([...new Set(readers)].map((reader) => reader.query(REPORT_SETTINGS)));
    return work(readers);
  });
}

const REPORT_SETTINGS = `select set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;
