import type { Lead } from '../../../src-shared/contract/entities.schema';
import type { LeadSort, LeadsExportQuery } from '../../../src-shared/contract/leads.schema';
import { UNASSIGNED_FILTER } from '../../../src-shared/contract/leads.schema';
import type { Sql } from '../../db/database';
import { HubError } from '../../http/hub-error';
import type { AuthUser } from '../auth/auth-user';
import { isStorableTimestamp } from '../../db/timestamp-text';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import { LEAD_COLUMNS, toLeadDto, type LeadRow } from './lead-row';

/** The text `q` searches; the same expression as the trigram index `leads_search`. */
export const LEAD_SEARCH_TEXT = `(l.ref || ' ' || l.customer_name || ' ' || coalesce(l.customer_phone, '') || ' ' || coalesce(l.customer_email, ''))`;

const SORT_KEYS: Record<LeadSort, { keys: Array<{ expr: string; cast: string }>; desc: boolean }> = {
  created_asc: { keys: [{ expr: 'l.created_at', cast: 'timestamptz' }], desc: false },
  created_desc: { keys: [{ expr: 'l.created_at', cast: 'timestamptz' }], desc: true },
  updated_asc: { keys: [{ expr: 'l.updated_at', cast: 'timestamptz' }], desc: false },
  updated_desc: { keys: [{ expr: 'l.updated_at', cast: 'timestamptz' }], desc: true },
  ref_asc: { keys: [{ expr: 'l.ref_year', cast: 'integer' }, { expr: 'l.ref_number', cast: 'bigint' }], desc: false },
  ref_desc: { keys: [{ expr: 'l.ref_year', cast: 'integer' }, { expr: 'l.ref_number', cast: 'bigint' }], desc: true },
  customer_asc: { keys: [{ expr: 'lower(l.customer_name)', cast: 'text' }], desc: false },
  customer_desc: { keys: [{ expr: 'lower(l.customer_name)', cast: 'text' }], desc: true },
};

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** WHERE clauses for the caller's scope and the filters; visibility first, always. */
export function leadFilters(user: AuthUser, query: LeadsExportQuery, params: unknown[]): string[] {
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.scope === 'open') where.push('l.user_id is null and not l.closed');
  if (query.scope === 'mine') where.push(`l.user_id = ${add(user.id)}`);
  if (query.scope === 'all' && !capabilitiesOf(user.role).allLeadsMenu) {
    throw new HubError('forbidden', 'All Leads is for supervisors and managers.');
  }
  if (query.stageId) where.push(`l.stage_id = ${add(asId(query.stageId))}`);
  if (query.brand) where.push(`l.brand = ${add(query.brand)}`);
  if (query.dealershipId) where.push(`l.dealership_id = ${add(asId(query.dealershipId))}`);
  if (query.source) where.push(`l.source = ${add(query.source)}`);
  if (query.userId === UNASSIGNED_FILTER) where.push('l.user_id is null');
  else if (query.userId) where.push(`l.user_id = ${add(asId(query.userId))}`);
  if (query.createdAfter) where.push(`l.created_at >= ${add(query.createdAfter)}`);
  if (query.createdBefore) where.push(`l.created_at < ${add(query.createdBefore)}`);
  if (query.q) where.push(`${LEAD_SEARCH_TEXT} ilike ${add(`%${escapeLike(query.q)}%`)}`);
  if (query.wonFailed) where.push('l.won_failed_at is not null and not l.closed');
  return where;
}

/** An id filter that cannot match (not a number) still must not reach PostgreSQL as a cast error. */
function asId(id: string): string {
  return /^\d{1,18}$/.test(id) ? id : '-1';
}

const CURSOR_VALUE: Record<string, { test(value: string): boolean }> = {
  timestamptz: { test: isStorableTimestamp },
  integer: /^\d{1,9}$/,
  bigint: /^\d{1,18}$/,
  text: { test: (value: string) => value.length <= 400 && !value.includes('\u0000') }, // PostgreSQL text holds no NUL
};

const NOTHING = { test: () => false };

/** A cursor is ours only if every value fits its column; anything else is a 400, never a SQL error. */
function decodeCursor(cursor: string, casts: string[]): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === casts.length &&
      values.every((value, index) => typeof value === 'string' && (CURSOR_VALUE[casts[index] ?? 'bigint'] ?? NOTHING).test(value))
    ) {
      return values as string[];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new HubError('invalid_input', 'Invalid query: cursor: not a cursor of this list with this sort. Start again without it.');
}

/** One keyset page: stable under concurrent inserts, fast at any depth with the matching index. */
export async function listLeads(
  sql: Sql,
  user: AuthUser,
  query: LeadsExportQuery & { limit: number; cursor?: string | undefined },
): Promise<{ items: Lead[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const where = leadFilters(user, query, params);
  const sort = SORT_KEYS[query.sort];
  const dir = sort.desc ? 'desc' : 'asc';
  const columns = [...sort.keys.map((key) => key.expr), 'l.id'];
  if (query.cursor) {
    const casts = [...sort.keys.map((key) => key.cast), 'bigint'];
    const values = decodeCursor(query.cursor, casts);
    const placeholders = values.map((value, index) => {
      params.push(value);
      const cast = casts[index] ?? 'bigint';
      return `$${params.length}::${cast}`;
    });
    where.push(`(${columns.join(', ')}) ${sort.desc ? '<' : '>'} (${placeholders.join(', ')})`);
  }
  params.push(query.limit + 1);
  const rows = await sql.query<LeadRow & Record<string, string>>(
    `select ${LEAD_COLUMNS}, ${sort.keys.map((key, index) => `(${key.expr})::text as k${index}`).join(', ')}
       from leads l ${where.length ? `where ${where.join(' and ')}` : ''}
      order by ${columns.map((column) => `${column} ${dir}`).join(', ')}
      limit $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? Buffer.from(JSON.stringify([...sort.keys.map((_key, index) => String(last[`k${index}`])), last.id])).toString('base64url')
      : null;
  return { items: page.map(toLeadDto), nextCursor };
}
