import type { Database } from '../../db/database';
import { hashToken, newToken } from '../auth/tokens';

/** A new intake key for the distributor feed; only its hash is stored, so it is shown once. */
export async function createIntakeKey(db: Database, name: string): Promise<string> {
  const key = newToken();
  await db.query('insert into intake_keys (name, key_hash) values ($1, $2)', [name, hashToken(key)]);
  return key;
}
