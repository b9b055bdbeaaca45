import { chmodSync, mkdirSync } from 'node:fs';

/**
 * A folder only this OS user can enter (0700): the user-data folder holds the session, the Won journal and
 * training mode's database. mkdir's mode does not change a folder that already exists, hence the chmod. On
 * Windows the mode is ignored; the folder sits in the user's own profile there.
 */
export function makePrivateFolder(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
  return path;
}
