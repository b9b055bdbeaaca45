import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openPgliteDatabase } from '../../src-hub/db/pglite-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated PGlite cluster as a data folder (unpackMigratedFolder), for migratedDataDir to copy. */
    pgliteFolderPath: string;
  }
}

/**
 * The migrated snapshot (a `dumpDataDir` tarball) unpacked once into a data folder beside it, kept for the next
 * runs: a hub then starts on a copy of the folder instead of loading the tarball. On this 2-core machine loading
 * the tarball into a new folder took 1.25-1.36 s (CPU as much), copying the folder 0.09 s. The cluster keeps the
 * snapshot's test settings (migrated-databases.ts: 16 MB of shared buffers, in postgresql.auto.conf).
 */
export async function unpackMigratedFolder(snapshotFile: string): Promise<string> {
  const folder = snapshotFile.replace(/\.tar$/, '') + '-folder';
  if (existsSync(folder)) return folder;
  // Filled aside, then renamed: another run never copies half a folder.
  const partial = `${folder}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await (await openPgliteDatabase(partial, new Blob([readFileSync(snapshotFile)]))).close();
  rmSync(join(partial, 'hub.lock'), { force: true });
  try {
    renameSync(partial, folder);
  } catch (error) {
    // Another run renamed its copy first.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(folder)) throw error;
  }
  return folder;
}

/** Copies the run's migrated data folder (the e2e global setup's) into `dataDir`, for a hub to open as it is. */
export function copyMigratedFolder(dataDir: string): string {
  cpSync(inject('pgliteFolderPath'), dataDir, { recursive: true });
  return dataDir;
}

/** A new data folder under the system's temporary folder, holding a copy of the migrated cluster. */
export function migratedDataDir(prefix: string): string {
  return copyMigratedFolder(mkdtempSync(join(tmpdir(), prefix)));
}
