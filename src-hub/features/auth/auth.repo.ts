import { one, type Sql } from '../../db/database';
import { USER_COLUMNS as USER_FIELDS, toUser, type UserRow as UserFieldsRow } from '../users/users.repo';
import type { AuthUser } from './auth-user';

/** The user's row as sessions read it: the user's fields plus the sync epoch. */
interface AuthUserRow extends UserFieldsRow {
  sync_epoch: number;
}

/** The user's row as sign-in reads it: with the password hash. */
interface UserRow extends AuthUserRow {
  password_hash: string;
}

const AUTH_USER_COLUMNS = `${USER_FIELDS}, u.sync_epoch`;
const USER_COLUMNS = `${AUTH_USER_COLUMNS}, u.password_hash`;

export function toAuthUser(row: AuthUserRow): AuthUser {
  return { ...toUser(row), syncEpoch: Number(row.sync_epoch) };
}

export async function findUserByLogin(sql: Sql, login: string): Promise<(AuthUser & { passwordHash: string }) | null> {
  const row = await one<UserRow>(sql, `select ${USER_COLUMNS} from users u where lower(u.login) = lower($1)`, [login]);
  return row ? { ...toAuthUser(row), passwordHash: row.password_hash } : null;
}

export async function insertSession(sql: Sql, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await sql.query('insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)', [tokenHash, userId, expiresAt]);
}

/** A live session as the database holds it: its user and its absolute end. */
export interface StoredSession {
  user: AuthUser;
  /** The end in milliseconds since the epoch, with the database's sub-millisecond part (compared as it would). */
  expiresAtMs: number;
}

/**
 * The sessions of these token hashes that are neither revoked nor of a deactivated user, ended or not (the
 * caller compares the end with its own time). One statement for many requests arriving at once.
 */
export async function findSessions(sql: Sql, tokenHashes: readonly string[]): Promise<Map<string, StoredSession>> {
  const rows = await sql.query<AuthUserRow & { token_hash: string; expires_at_ms: number | string }>(
    `select s.token_hash, ${AUTH_USER_COLUMNS}, extract(epoch from s.expires_at) * 1000 as expires_at_ms
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = any($1::text[]) and s.revoked_at is null and u.active`,
    [tokenHashes],
    { prepareAs: 'sessions_by_token' }, // behind every request the session cache cannot answer
  );
  return new Map(rows.map((row) => [row.token_hash, { user: toAuthUser(row), expiresAtMs: Number(row.expires_at_ms) }]));
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
