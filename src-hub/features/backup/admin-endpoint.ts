import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { localEndpoint } from '../../db/data-dir-lock';
import type { HubLog } from '../../hub-context';

/**
 * The running hub's door for administrators on its own machine. A PGlite hub holds its data folder's
 * single-writer lock, so whatever needs the database while it runs (a backup) asks the hub. The hub listens on a
 * local endpoint (no network port) and writes where and with which key into `hub-admin.json` in the data folder,
 * readable by its owner only (0600): whoever may read the data folder may ask, nobody else (the endpoint's name
 * alone, visible to local users on Linux, is not enough).
 */
export const ADMIN_FILE = 'hub-admin.json';

interface AdminRecord {
  endpoint: string;
  key: string;
  pid: number;
}

export interface AdminHandlers {
  /** A consistent snapshot of the database, as a file `openPgliteDatabase(dir, snapshot)` loads. */
  backup(): Promise<Blob>;
}

export interface AdminEndpoint {
  close(): Promise<void>;
}

export async function openAdminEndpoint(dataDir: string, handlers: AdminHandlers, log: HubLog): Promise<AdminEndpoint> {
  const record: AdminRecord = { endpoint: localEndpoint(`bpo-crm-hub-admin-${randomBytes(12).toString('hex')}`), key: randomBytes(32).toString('base64url'), pid: process.pid };
  const keyDigest = digest(record.key);
  const server = createServer((req, res) => {
    void answer(req, res, keyDigest, handlers, log);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(record.endpoint, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const file = join(dataDir, ADMIN_FILE);
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(record), { mode: 0o600 });
  renameSync(partial, file);
  let closed: Promise<void> | null = null;
  return {
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        if (readRecord(dataDir)?.key === record.key) rmSync(file, { force: true });
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, keyDigest: Buffer, handlers: AdminHandlers, log: HubLog): Promise<void> {
  req.resume();
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer || !timingSafeEqual(digest(bearer), keyDigest)) return send(res, 401, { error: 'unauthorized', message: `The key of ${ADMIN_FILE} is required.` });
  if (req.method !== 'POST' || req.url !== '/backup') return send(res, 404, { error: 'not_found', message: 'Only POST /backup is answered here.' });
  try {
    const started = Date.now();
    const snapshot = Buffer.from(await (await handlers.backup()).arrayBuffer());
    log.info('backup taken for an administrator', { bytes: snapshot.length, durationMs: Date.now() - started });
    res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': snapshot.length });
    res.end(snapshot);
  } catch (error) {
    log.error('backup failed', error);
    send(res, 500, { error: 'backup_failed', message: error instanceof Error ? error.message : String(error) });
  }
}

function send(res: ServerResponse, status: number, body: { error: string; message: string }): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function readRecord(dataDir: string): AdminRecord | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, ADMIN_FILE), 'utf8')) as Partial<AdminRecord>;
    return typeof value.endpoint === 'string' && typeof value.key === 'string' && typeof value.pid === 'number' ? { endpoint: value.endpoint, key: value.key, pid: value.pid } : null;
  } catch {
    return null;
  }
}

/**
 * Asks the hub running on `dataDir` for a backup. 'no-hub' when none answers there (no admin file, or one a
 * killed hub left behind); a hub that answers with an error rejects with its message.
 */
export async function requestBackup(dataDir: string, timeoutMs = 600_000): Promise<Buffer | 'no-hub'> {
  const record = readRecord(dataDir);
  if (!record) return 'no-hub';
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: record.endpoint, path: '/backup', method: 'POST', headers: { authorization: `Bearer ${record.key}` }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode === 200) return resolve(body);
        let message = body.toString('utf8');
        try {
          message = (JSON.parse(message) as { message?: string }).message ?? message;
        } catch {
          // not JSON: the text as it came
        }
        reject(new Error(`The hub on ${dataDir} refused the backup (${res.statusCode ?? '?'}): ${message}`));
      });
    });
    req.once('timeout', () => req.destroy(new Error(`The hub on ${dataDir} did not send the backup within ${timeoutMs / 1000} s.`)));
    req.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve('no-hub');
      else reject(error);
    });
    req.end();
  });
}
