import type { IntakeKey, IntakeKeyCreated } from '../../../src-shared/contract/config.schema';
import { one } from '../../db/database';
import { notFound } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { hashToken, newToken } from '../auth/tokens';
import { isoTime } from '../../db/pg-time';
import { isRowId, requireManager } from './require-manager';

interface IntakeKeyRow extends Record<string, unknown> {
  id: string;
  name: string;
  created_at: Date;
}

const toIntakeKey = (row: IntakeKeyRow): IntakeKey => ({ id: row.id, name: row.name, createdAt: isoTime(row.created_at) });

/** The keys in use, by name: never the key itself (only its hash is stored). */
export async function listIntakeKeys(hub: HubContext, user: AuthUser): Promise<IntakeKey[]> {
  requireManager(user);
  const rows = await hub.db.query<IntakeKeyRow>('select id, name, created_at from intake_keys where revoked_at is null order by created_at, id');
  return rows.map(toIntakeKey);
}

/** A new key for a distributor feed, shown in this answer only. */
export async function createIntakeKey(hub: HubContext, user: AuthUser, name: string): Promise<IntakeKeyCreated> {
  requireManager(user);
  const key = newToken();
  const row = await one<IntakeKeyRow>(hub.db, 'insert into intake_keys (name, key_hash, created_at) values ($1, $2, $3) returning id, name, created_at', [
    name,
    hashToken(key),
    hub.clock.now(),
  ]);
  if (!row) throw new Error('insert into intake_keys returned nothing');
  return { ...toIntakeKey(row), key };
}

/** Revokes a key at once: the feed using it gets 401 from its next request. */
export async function revokeIntakeKey(hub: HubContext, user: AuthUser, keyId: string): Promise<void> {
  requireManager(user);
  if (!isRowId(keyId)) throw notFound('Intake key');
  const revoked = await one(hub.db, 'update intake_keys set revoked_at = $2 where id = $1 and revoked_at is null returning id', [keyId, hub.clock.now()]);
  if (!revoked) throw notFound('Intake key');
}
