import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

const folder = () => mkdtempSync(join(tmpdir(), 'hub-lock-'));
/** A lock whose owner died: its endpoint token answers nowhere. */
const staleRecord = (pid: number) => JSON.stringify({ pid, host: hostname(), token: 'a'.repeat(24) });

describe('data folder lock', () => {
  it('refuses a second hub while the first runs, and is free again once released', async () => {
    const dir = folder();
    const release = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    release();
    expect(existsSync(join(dir, 'hub.lock'))).toBe(false);
    (await acquireDataDirLock(dir))();
  });

  it('takes over a dead owner\'s lock even when its pid now belongs to a live process', async () => {
    const dir = folder();
    // pid 1 (init) and our own pid are alive: the old check trusted them as owners and refused forever
    for (const pid of [1, process.pid]) {
      writeFileSync(join(dir, 'hub.lock'), staleRecord(pid));
      const release = await acquireDataDirLock(dir);
      expect(JSON.parse(readFileSync(join(dir, 'hub.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      release();
    }
  });

  it('lets exactly one of many simultaneous starts take over a stale lock', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'hub.lock'), staleRecord(1));
    const starts = await Promise.allSettled(Array.from({ length: 8 }, () => acquireDataDirLock(dir)));
    const won = starts.filter((start) => start.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of starts.filter((start) => start.status === 'rejected')) expect(String(lost.reason)).toContain('in use by another hub process');
    if (won[0]?.status === 'fulfilled') won[0].value();
  });

  it('does not guess about a lock it cannot check: it names the file to delete', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'hub.lock'), '12345');
    await expect(acquireDataDirLock(dir)).rejects.toThrow(`delete that file`);
    writeFileSync(join(dir, 'hub.lock'), JSON.stringify({ pid: 42, host: 'other-machine', token: 'b'.repeat(24) }));
    await expect(acquireDataDirLock(dir)).rejects.toThrow('pid 42 on other-machine');
  });

  it('frees the folder when the owning process is killed', async () => {
    const dir = folder();
    const script = `import(${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).pathname)}).then((m) => m.acquireDataDirLock(${JSON.stringify(dir)})).then(() => { console.log('locked'); setInterval(() => undefined, 1000); });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    (await acquireDataDirLock(dir))();
  });
});
