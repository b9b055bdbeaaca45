import type { User } from '../../../src-shared/contract/entities.schema';
import type { Role } from '../../../src-shared/domain/roles';
import type { Sql } from '../../db/database';

/** A user as stored, the columns USER_COLUMNS reads (alias `u`); the one declaration of them. */
export interface UserRow extends Record<string, unknown> {
  id: string;
  login: string;
  name: string;
  email: string | null;
  role: Role;
  active: boolean;
}

export const USER_COLUMNS = 'u.id, u.login, u.name, u.email, u.role, u.active';

export function toUser(row: UserRow): User {
  return { id: row.id, login: row.login, name: row.name, email: row.email ?? '', role: row.role, active: row.active };
}

export async function listUsers(sql: Sql, ids?: readonly string[]): Promise<User[]> {
  const rows = ids
    ? await sql.query<UserRow>(`select ${USER_COLUMNS} from users u where u.id = any($1::bigint[]) order by u.name, u.id`, [ids])
    : await sql.query<UserRow>(`select ${USER_COLUMNS} from users u order by u.name, u.id`);
  return rows.map(toUser);
}
