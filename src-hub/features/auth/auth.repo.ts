import { one, type Sql } from '../../db/database';
import { USER_COLUMNS as USER_FIELDS, toUser, type UserRow as UserFieldsRow } from '../users/users.repo';
import type { AuthUser } from './auth-user';

/** The user's row as sign-in and sessions read it: the user's fields plus the sync epoch and the password hash. */
interface UserRow extends UserFieldsRow {
  sync_epoch: number;
  password_hash: string;
}

const USER_COLUMNS = `${USER_FIELDS}, u.sync_epoch, u.password_hash`;

export function toAuthUser(row: UserRow): AuthUser {
  return { ...toUser(row), syncEpoch: Number(row.sync_epoch) };
}

export async function findUserByLogin(sql: Sql, login: string): Promise<(AuthUser & { passwordHash: string }) | null> {
  const row = await one<UserRow>(sql, `select ${USER_COLUMNS} from users u where lower(u.login) = lower($1)`, [login]);
  return row ? { ...toAuthUser(row), passwordHash: row.password_hash } : null;
}

export async function insertSession(sql: Sql, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await sql.query('insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)', [tokenHash, userId, expiresAt]);
}

/** A token's session: its user when it is live, `expired` once its end has passed, null when unknown, revoked or the user deactivated. */
export async function findSessionUser(sql: Sql, tokenHash: string, now: Date): Promise<AuthUser | 'expired' | null> {
  const row = await one<UserRow & { expired: boolean }>(
    sql,
    `select ${USER_COLUMNS}, s.expires_at <= $2 as expired from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.revoked_at is null and u.active`,
    [tokenHash, now],
    { prepareAs: 'session_user' }, // behind every request
  );
  if (!row) return null;
  return row.expired ? 'expired' : toAuthUser(row);
}

export async function findPasswordHash(sql: Sql, userId: string): Promise<string | null> {
  return (await one<{ password_hash: string }>(sql, 'select password_hash from users where id = $1', [userId]))?.password_hash ?? null;
}

export async function revokeSession(sql: Sql, tokenHash: string, now: Date): Promise<void> {
  await sql.query('update sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null', [tokenHash, now]);
}

export async function revokeUserSessions(sql: Sql, userId: string, now: Date): Promise<void> {
  await sql.query('update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null', [userId, now]);
}

export async function intakeKeyExists(sql: Sql, keyHash: string): Promise<boolean> {
  return (await one(sql, 'select 1 from intake_keys where key_hash = $1 and revoked_at is null', [keyHash])) !== null;
}
