import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The locks a test run takes: one Chromium at a time, one electron-vite build at a time. */
export type LockName = 'browser' | 'renderer-build';
export const LOCK_NAMES: readonly LockName[] = ['browser', 'renderer-build'];

/** Whether a lock is free, held by a live process, or left behind by one that died (a killed run). */
export type LockHolder = { state: 'free' } | { state: 'held'; pid: number } | { state: 'abandoned'; pid: number };

/** A lock folder per checkout and name, so two checkouts on one machine do not wait on each other. */
export function lockPath(name: LockName, root = process.cwd()): string {
  const checkout = createHash('sha1').update(root).digest('hex').slice(0, 12);
  return join(tmpdir(), `bpo-crm-lock-${checkout}-${name}`);
}

/**
 * Who holds the lock at `path`. A folder without its pid file is a lock being taken this instant, or one whose
 * taker died in between when that has lasted seconds.
 */
export function lockHolder(path: string, isAlive: (pid: number) => boolean = processIsAlive, now = Date.now()): LockHolder {
  let owner: string;
  try {
    owner = readFileSync(join(path, 'pid'), 'utf8');
  } catch {
    // The folder's age is read after the pid file was found missing, never before: a release removes the pid
    // file (which makes the folder new again) and then the folder, so an age read before that removal would
    // make a lock released this instant look abandoned since it was taken.
    let takenAt: number;
    try {
      takenAt = statSync(path).mtimeMs;
    } catch {
      return { state: 'free' };
    }
    return now - takenAt > 10_000 ? { state: 'abandoned', pid: 0 } : { state: 'held', pid: 0 };
  }
  const pid = Number(owner);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { state: 'held', pid } : { state: 'abandoned', pid };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the locks a killed earlier run left behind. Called from the global setups, in the one main process
 * before any worker starts: waiters never remove a lock themselves, since two of them could then both win.
 */
export function clearAbandonedLocks(root = process.cwd()): void {
  for (const name of LOCK_NAMES) {
    const path = lockPath(name, root);
    if (lockHolder(path).state === 'abandoned') rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Takes a lock shared by the processes of one test run (vitest's workers): `mkdir` is atomic, so one taker wins;
 * the others poll until it is released. A holder that died mid-run fails the waiters at once, naming it.
 */
export async function acquireFileLock(name: LockName, options: { waitMs?: number; pollMs?: number; root?: string } = {}): Promise<() => void> {
  const path = lockPath(name, options.root);
  const waitMs = options.waitMs ?? 15 * 60_000;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockHolder(path);
    if (holder.state === 'abandoned') throw new Error(`The "${name}" lock (${path}) was left by process ${holder.pid}, which has ended; remove the folder or start the run again`);
    if (holder.state === 'held' && Date.now() > deadline) throw new Error(`The "${name}" lock (${path}) is still held by process ${holder.pid} after ${waitMs / 1000} s`);
    if (holder.state === 'held') await delay(options.pollMs ?? 200);
  }
}
