import type { CreateUserBody, PatchUserBody } from '../../../src-shared/contract/config.schema';
import type { User } from '../../../src-shared/contract/entities.schema';
import { one, type Sql } from '../../db/database';
import { alreadyExists, forbidden, notFound } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { revokeUserSessions } from '../auth/auth.repo';
import { hashPassword } from '../auth/password';
import { recordGlobalChange } from '../changes/change-log';
import { isRowId, isUniqueViolation, requireManager } from '../config/require-manager';
import { USER_COLUMNS, toUser, type UserRow } from './users.repo';

const loginUsed = (login: string) => alreadyExists('login', `"${login}" is already used by another user.`);

export async function addUser(hub: HubContext, caller: AuthUser, body: CreateUserBody): Promise<User> {
  requireManager(caller);
  // Hashing is slow on purpose (memory-hard): done before the transaction, not while holding it open.
  const passwordHash = await hashPassword(body.password, hub.config.passwordCost);
  return hub.db.transaction(async (tx) => {
    if (await one(tx, 'select 1 from users where lower(login) = lower($1)', [body.login])) throw loginUsed(body.login);
    let row: UserRow | null;
    try {
      row = await one<UserRow>(
        tx,
        `insert into users as u (login, name, email, role, password_hash, created_at) values ($1, $2, $3, $4, $5, $6) returning ${USER_COLUMNS}`,
        [body.login, body.name, body.email, body.role, passwordHash, hub.clock.now()],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw loginUsed(body.login);
      throw error;
    }
    if (!row) throw new Error('insert into users returned nothing');
    await recordGlobalChange(tx, 'user', row.id);
    return toUser(row);
  });
}

/**
 * Edit a user. Deactivation and a new password revoke every session of theirs; deactivation and a role
 * change bump their sync epoch (their replica held what the old role could see: it is rebuilt). A manager
 * cannot deactivate or demote themselves, so the hub always keeps someone able to configure it.
 */
export async function editUser(hub: HubContext, caller: AuthUser, userId: string, patch: PatchUserBody): Promise<User> {
  requireManager(caller);
  if (!isRowId(userId)) throw notFound('User');
  if (userId === caller.id && patch.active === false) throw forbidden('You cannot deactivate your own account. Ask another manager.');
  if (userId === caller.id && patch.role !== undefined && patch.role !== 'manager') {
    throw forbidden('You cannot remove your own manager role. Ask another manager.');
  }
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password, hub.config.passwordCost) : null;
  return hub.db.transaction(async (tx) => {
    const now = hub.clock.now();
    const current = await one<UserRow>(tx, `select ${USER_COLUMNS} from users u where u.id = $1 for update`, [userId]);
    if (!current) throw notFound('User');
    const deactivated = patch.active === false && current.active;
    const roleChanged = patch.role !== undefined && patch.role !== current.role;
    const row = await one<UserRow>(
      tx,
      `update users u set name = $2, email = $3, role = $4, active = $5, password_hash = coalesce($6, u.password_hash),
         sync_epoch = u.sync_epoch + $7
        where u.id = $1 returning ${USER_COLUMNS}`,
      [current.id, patch.name ?? current.name, patch.email ?? current.email, patch.role ?? current.role, patch.active ?? current.active, passwordHash, deactivated || roleChanged ? 1 : 0],
    );
    if (!row) throw notFound('User');
    if (deactivated || passwordHash !== null) await revokeUserSessions(tx, row.id, now);
    await recordGlobalChange(tx, 'user', row.id);
    return toUser(row);
  });
}

/** `GET /users?active=`: every role reads users (no secrets); the filter is optional. */
export async function findUsers(sql: Sql, active: boolean | undefined): Promise<User[]> {
  const rows = await sql.query<UserRow>(`select ${USER_COLUMNS} from users u where ($1::boolean is null or u.active = $1) order by u.name, u.id`, [active ?? null]);
  return rows.map(toUser);
}
