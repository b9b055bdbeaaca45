import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src-hub/cli-commands';
import type { Database } from '../../src-hub/db/database';
import { openPgliteDatabase } from '../../src-hub/db/pglite-database';
import { ADMIN_FILE } from '../../src-hub/features/backup/admin-endpoint';
import type { RunningHub } from '../../src-hub/start-hub';

/**
 * Backups of the embedded default (issue 22, item 7), through the command line run in-process: the running hub
 * holds its PGlite folder's lock, so `hub admin backup` asks it for a consistent snapshot; `hub admin restore`
 * fills a new folder from it, and the restored database is compared with the one that served.
 */
const hubs: RunningHub[] = [];
let printed: string[] = [];

beforeEach(() => {
  vi.stubEnv('DATABASE_URL', '');
  vi.stubEnv('LOG_LEVEL', 'silent');
  vi.stubEnv('SMTP_URL', '');
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
});

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/**
 * A new data folder served with the demo seed: the hub fills it from the run's migrated snapshot (HUB_PGLITE_TEMPLATE,
 * test/setup/pglite-template.setup.ts), no initdb; opening and closing it here first cost one more PGlite start.
 */
async function servedFolder(): Promise<{ dir: string; hub: RunningHub }> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-backup-'));
  const hub = await main(['serve', '--data', dir, '--port', '0', '--demo', '--demo-leads', '8']);
  if (!hub) throw new Error('serve resolved without a hub');
  hubs.push(hub);
  return { dir, hub };
}

/** What must survive a backup: every row of the tables a floor lives on, in a stable order. */
async function contents(db: Database): Promise<unknown> {
  return {
    users: await db.query('select id, login, name, role, password_hash, active from users order by id'),
    stages: await db.query('select id, name, sequence from stages order by id'),
    leads: await db.query('select id, ref, customer_name, customer_phone, customer_email, stage_id, user_id, version, updated_at from leads order by id'),
    messages: await db.query('select id, lead_id, kind, body from messages order by id'),
    dealerships: await db.query('select id, code, name from dealerships order by id'),
  };
}

describe('hub admin backup and restore (PGlite)', () => {
  it('takes a consistent backup from the running hub while it writes; restored into a new folder it holds the same data', async () => {
    const { dir, hub } = await servedFolder();
    await hub.db.query('create table backup_probe (batch integer not null, part integer not null)');
    // Transactions of two rows each, with a pause between the rows: a backup must hold both rows of a batch or neither.
    let writing = true;
    let batches = 0;
    const writer = (async () => {
      while (writing) {
        const batch = batches;
        await hub.db.transaction(async (tx) => {
          await tx.query('insert into backup_probe (batch, part) values ($1, 1)', [batch]);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await tx.query('insert into backup_probe (batch, part) values ($1, 2)', [batch]);
        });
        batches++;
      }
    })();
    await vi.waitFor(() => expect(batches).toBeGreaterThanOrEqual(3), { timeout: 10_000 });

    const file = join(mkdtempSync(join(tmpdir(), 'hub-backup-file-')), 'floor.tar.gz');
    await main(['admin', 'backup', '--data', dir, '--out', file]);
    const atBackup = batches;
    expect(printed.some((line) => line.startsWith(`backup of ${dir} (running hub) written to ${file}`))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await vi.waitFor(() => expect(batches).toBeGreaterThan(atBackup + 2), { timeout: 10_000 });
    writing = false;
    await writer;

    // The served data as it is now, the probe apart (it went on after the backup).
    const served = await contents(hub.db);
    const restoredDir = join(mkdtempSync(join(tmpdir(), 'hub-restore-')), 'floor');
    await main(['admin', 'restore', '--data', restoredDir, '--from', file]);
    const leads = (served as { leads: unknown[] }).leads.length;
    expect(printed.some((line) => line.startsWith(`restored ${file} into ${restoredDir}:`) && line.endsWith(`${leads} leads`))).toBe(true);

    const restored = await openPgliteDatabase(restoredDir);
    try {
      expect(await contents(restored)).toEqual(served);
      const probe = await restored.query<{ batch: number; parts: string }>('select batch, count(*) as parts from backup_probe group by batch order by batch');
      expect(probe.length).toBeGreaterThanOrEqual(3);
      expect(probe.length).toBeLessThan(batches); // batches written after the backup are not in it
      expect(probe.map((row) => row.batch)).toEqual(probe.map((_, index) => index));
      expect(probe.every((row) => Number(row.parts) === 2)).toBe(true);
    } finally {
      await restored.close();
    }
    // The source's lock came with the folder and was dropped: a hub starts on the copy while the source still runs.
    const copy = await main(['serve', '--data', restoredDir, '--port', '0']);
    if (!copy) throw new Error('serve resolved without a hub');
    hubs.push(copy);
    expect((await fetch(`${copy.url}/readyz`)).status).toBe(200);
  }, 120_000);

  it('answers only a request with the key of its admin file, which only its owner may read', async () => {
    const { dir } = await servedFolder();
    const adminFile = join(dir, ADMIN_FILE);
    expect(statSync(adminFile).mode & 0o777).toBe(0o600);
    const { endpoint, key } = JSON.parse(readFileSync(adminFile, 'utf8')) as { endpoint: string; key: string };
    const status = (authorization: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ socketPath: endpoint, path: '/backup', method: 'POST', headers: { authorization } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.once('error', reject);
        req.end();
      });
    expect(await status(`Bearer ${key.slice(0, -1)}x`)).toBe(401);
    expect(await status('')).toBe(401);
    expect(await status(`Bearer ${key}`)).toBe(200);
  }, 60_000);

  it('backs up a stopped folder by itself, refuses to restore over a database, and the admin file goes with the hub', async () => {
    const { dir, hub } = await servedFolder();
    const served = await contents(hub.db);
    await hubs.splice(0)[0]?.close();
    expect(() => statSync(join(dir, ADMIN_FILE))).toThrow();

    const file = join(mkdtempSync(join(tmpdir(), 'hub-backup-file-')), 'stopped.tar.gz');
    await main(['admin', 'backup', '--data', dir, '--out', file]);
    expect(printed.some((line) => line.startsWith(`backup of ${dir} (stopped folder) written to ${file}`))).toBe(true);
    await expect(main(['admin', 'restore', '--data', dir, '--from', file])).rejects.toThrow(`${dir} is not empty (it holds a hub database)`);

    const restoredDir = mkdtempSync(join(tmpdir(), 'hub-restore-'));
    await main(['admin', 'restore', '--data', restoredDir, '--from', file]);
    const restored = await openPgliteDatabase(restoredDir);
    try {
      expect(await contents(restored)).toEqual(served);
    } finally {
      await restored.close();
    }
  }, 120_000);
});
