import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, detail: string) {
    super(`The data folder ${dataDir} is in use by another hub process (${detail}). Stop it first, or use another --data folder.`);
  }
}

/** What the lock file says of its owner. */
interface LockRecord {
  pid: number;
  host: string;
  /** Names the owner's liveness endpoint: only a running owner answers on it. */
  token: string;
}

const TAKEOVER_STALE_MS = 10_000;

/**
 * PGlite has a single writer: one hub process per data folder. The lock file is created atomically (`wx`); its
 * owner first opens a local endpoint named by a random token (an abstract socket on Linux, a named pipe on
 * Windows, a socket file elsewhere) that the operating system closes when the process dies. A lock is taken over
 * only when that endpoint is proven dead — never because some live process happens to have the recorded pid
 * (ids are reused after a crash) — and only by the one start holding the takeover file, so two starts cannot
 * both remove a stale lock and both run.
 */
export async function acquireDataDirLock(dataDir: string): Promise<() => void> {
  const lockPath = join(dataDir, 'hub.lock');
  const token = randomBytes(12).toString('hex');
  const endpoint = await listenOn(endpointOf(token));
  const record: LockRecord = { pid: process.pid, host: hostname(), token };
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (createExclusive(lockPath, JSON.stringify(record))) return releaser(lockPath, endpoint, token);
      const owner = readRecord(lockPath);
      if (owner === 'gone') continue;
      await refuseLiveOwner(dataDir, lockPath, owner);
      await takeOverStale(lockPath, owner);
    }
    throw new Error(`Could not lock the data folder ${dataDir}: its lock file keeps changing.`);
  } catch (error) {
    endpoint.server.close();
    throw error;
  }
}

async function refuseLiveOwner(dataDir: string, lockPath: string, owner: LockRecord | 'unreadable'): Promise<void> {
  if (owner === 'unreadable') {
    throw new DataDirLockedError(dataDir, `its lock ${lockPath} is not one this version can check; if no hub runs on this folder, delete that file`);
  }
  if (owner.host !== hostname()) {
    throw new DataDirLockedError(dataDir, `pid ${owner.pid} on ${owner.host}; if no hub runs there, delete ${lockPath}`);
  }
  if (await answers(endpointOf(owner.token))) throw new DataDirLockedError(dataDir, `pid ${owner.pid}`);
}

/** Removes the dead owner's lock, if it is still that one, while holding the takeover file. */
async function takeOverStale(lockPath: string, stale: LockRecord | 'unreadable'): Promise<void> {
  const takeoverPath = `${lockPath}.takeover`;
  if (!createExclusive(takeoverPath, String(process.pid))) {
    // Another start is taking over; its takeover file outlives it only if it died within these milliseconds.
    if (Date.now() - mtimeOf(takeoverPath) > TAKEOVER_STALE_MS) rmSync(takeoverPath, { force: true });
    await delay(25);
    return;
  }
  try {
    const now = readRecord(lockPath);
    if (now !== 'gone' && now !== 'unreadable' && stale !== 'unreadable' && now.token === stale.token) rmSync(lockPath, { force: true });
  } finally {
    rmSync(takeoverPath, { force: true });
  }
}

function releaser(lockPath: string, endpoint: Endpoint, token: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const now = readRecord(lockPath);
    if (now !== 'gone' && now !== 'unreadable' && now.token === token) rmSync(lockPath, { force: true });
    endpoint.server.close();
  };
}

function createExclusive(path: string, content: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readRecord(lockPath: string): LockRecord | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string' && /^[0-9a-f]{24}$/.test(value.token)) {
      return { pid: value.pid, host: value.host, token: value.token };
    }
  } catch {
    // an older hub's bare pid, or a file cut short: not provably stale
  }
  // A lock file being written right now reads empty for an instant: ask again before calling it unreadable.
  return text.trim() === '' ? 'gone' : 'unreadable';
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

interface Endpoint {
  server: Server;
}

const endpointOf = (token: string): string => localEndpoint(`bpo-crm-hub-${token}`);

/**
 * A local endpoint (for `net`/`http` listen and connect) of this name: an abstract socket on Linux (gone with the
 * process, no file left behind; its name is visible to local users, so it is no secret), a named pipe on Windows,
 * a socket file in the temporary folder elsewhere.
 */
export function localEndpoint(name: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\${name}`;
  if (process.platform === 'linux') return `\0${name}`;
  return join(tmpdir(), `${name}.sock`);
}

function listenOn(path: string): Promise<Endpoint> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end());
    server.once('error', reject);
    server.listen(path, () => {
      server.unref(); // the lock must not keep the process alive
      resolve({ server });
    });
  });
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    const done = (alive: boolean) => {
      socket.destroy();
      resolve(alive);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(2_000, () => done(true)); // a hung owner is still an owner
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
