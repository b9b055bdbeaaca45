import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireFileLock, clearAbandonedLocks, lockHolder, lockPath } from './file-lock';

/** A checkout of its own, so these locks are never the ones this run's browser files take. */
const root = mkdtempSync(join(tmpdir(), 'bpo-crm-lock-test-'));
afterEach(() => {
  for (const name of ['browser', 'renderer-build'] as const) rmSync(lockPath(name, root), { recursive: true, force: true });
});

function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (!child.pid) throw new Error('no child pid');
  return child.pid;
}

describe('the lock between test workers', () => {
  it('lets one holder in: a second taker is refused while the first holds it, then gets it after the release', async () => {
    const release = await acquireFileLock('browser', { root });
    expect(lockHolder(lockPath('browser', root))).toEqual({ state: 'held', pid: process.pid });
    await expect(acquireFileLock('browser', { root, waitMs: 0 })).rejects.toThrow(`held by process ${process.pid}`);
    release();
    expect(lockHolder(lockPath('browser', root))).toEqual({ state: 'free' });
    (await acquireFileLock('browser', { root, waitMs: 0 }))();
  });

  it('a waiter gets the lock once the holder releases it', async () => {
    const release = await acquireFileLock('renderer-build', { root });
    const second = acquireFileLock('renderer-build', { root, pollMs: 5 });
    release();
    const releaseSecond = await second;
    expect(lockHolder(lockPath('renderer-build', root))).toEqual({ state: 'held', pid: process.pid });
    releaseSecond();
  });

  it('a lock whose holder has ended fails the waiter with its pid, and the next run start clears it', async () => {
    const pid = endedPid();
    mkdirSync(lockPath('browser', root));
    writeFileSync(join(lockPath('browser', root), 'pid'), String(pid));
    expect(lockHolder(lockPath('browser', root))).toEqual({ state: 'abandoned', pid });
    await expect(acquireFileLock('browser', { root })).rejects.toThrow(`left by process ${pid}, which has ended`);
    clearAbandonedLocks(root);
    (await acquireFileLock('browser', { root, waitMs: 0 }))();
  });

  it('a lock folder without its pid is being taken, and abandoned once that has lasted seconds', () => {
    const path = lockPath('browser', root);
    mkdirSync(path);
    expect(lockHolder(path)).toEqual({ state: 'held', pid: 0 });
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(path, minuteAgo, minuteAgo);
    expect(lockHolder(path)).toEqual({ state: 'abandoned', pid: 0 });
    clearAbandonedLocks(root);
    expect(lockHolder(path)).toEqual({ state: 'free' });
  });

  it('a live holder is kept by the run-start cleanup', async () => {
    const release = await acquireFileLock('browser', { root });
    clearAbandonedLocks(root);
    expect(lockHolder(lockPath('browser', root))).toEqual({ state: 'held', pid: process.pid });
    release();
  });
});
