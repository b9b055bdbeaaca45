import { one, type Sql } from '../../db/database';

/** Display names for tracking entries ("Assigned Agent: (none) → Maria Santos"). */
export async function userName(sql: Sql, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await one<{ name: string }>(sql, 'select name from users where id = $1', [userId]);
  return row?.name ?? `user ${userId}`;
}

export async function activeUser(sql: Sql, userId: string): Promise<{ id: string; name: string } | null> {
  if (!/^\d{1,18}$/.test(userId)) return null;
  return one<{ id: string; name: string }>(sql, 'select id, name from users where id = $1 and active', [userId]);
}
