import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationState } from '../../db/migrate';
import { backupPgliteDatabase, openPgliteDatabase } from '../../db/pglite-database';
import { ADMIN_FILE, requestBackup } from './admin-endpoint';

/** SecretBox's key file when HUB_SECRET is not set. */
const SECRET_KEY_FILE = 'hub-secret.key';

/** Whether a backup of this folder carries the key that seals dealer API keys (no HUB_SECRET). */
export const carriesSecretKey = (dataDir: string): boolean => existsSync(join(dataDir, SECRET_KEY_FILE));

const hasCluster = (dataDir: string): boolean => existsSync(join(dataDir, 'PG_VERSION'));

/**
 * `hub admin backup`: a consistent snapshot of the PGlite database in `dataDir`, from the hub running on it
 * (which holds the folder's lock) or, when none runs, read from the stopped folder itself. Written aside, then
 * renamed, readable by its owner only: it holds password hashes, sealed dealer keys and, without HUB_SECRET, the
 * folder's hub-secret.key that unseals them (a backup is the whole data folder).
 */
export async function backupDataFolder(dataDir: string, outFile: string): Promise<{ bytes: number; from: 'running hub' | 'stopped folder' }> {
  let snapshot: Buffer;
  let from: 'running hub' | 'stopped folder';
  const answered = await requestBackup(dataDir);
  if (answered === 'no-hub') {
    if (!hasCluster(dataDir)) throw new Error(`${dataDir} holds no hub database.`);
    // No hub answers: open the folder ourselves (taking its lock, so a hub that does run there refuses us by name).
    const db = await openPgliteDatabase(dataDir);
    try {
      snapshot = Buffer.from(await (await backupPgliteDatabase(db)).arrayBuffer());
    } finally {
      await db.close();
    }
    from = 'stopped folder';
  } else {
    snapshot = answered;
    from = 'running hub';
  }
  const partial = `${outFile}.${process.pid}.partial`;
  writeFileSync(partial, snapshot, { mode: 0o600 });
  renameSync(partial, outFile);
  return { bytes: snapshot.length, from };
}

/**
 * `hub admin restore`: a backup into a new or empty folder (never over a database: restore beside it, then swap
 * the folders while the hub is stopped). The folder is locked while it fills, and emptied again if that fails.
 * Resolves to what the restored database holds, for the administrator to check against what they expect.
 */
export async function restoreDataFolder(dataDir: string, fromFile: string): Promise<{ version: number; leads: number; users: number }> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty${hasCluster(dataDir) ? ' (it holds a hub database)' : ''}: restore into a new or empty folder, then point the hub at it (or swap the folders while the hub is stopped).`);
  }
  const backup = new Blob([readFileSync(fromFile)], { type: 'application/x-gzip' });
  mkdirSync(dataDir, { recursive: true });
  try {
    const db = await openPgliteDatabase(dataDir, backup);
    try {
      const state = await migrationState(db);
      const [counts] = await db.query<{ leads: string; users: string }>('select (select count(*) from leads) as leads, (select count(*) from users) as users');
      return { version: Math.max(0, ...state.applied), leads: Number(counts?.leads ?? 0), users: Number(counts?.users ?? 0) };
    } finally {
      await db.close();
      // The backup is the whole data folder: the source's lock and admin file came with it and name a process
      // that is not this folder's owner (one that may still run). The key that seals dealer API keys stays.
      for (const copied of ['hub.lock', ADMIN_FILE]) rmSync(join(dataDir, copied), { force: true });
      if (existsSync(join(dataDir, SECRET_KEY_FILE))) chmodSync(join(dataDir, SECRET_KEY_FILE), 0o600);
    }
  } catch (error) {
    for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    throw new Error(`Could not restore ${fromFile} into ${dataDir} (the folder is empty again): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
