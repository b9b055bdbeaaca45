import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../../src-hub/testing/hub-test-env';

/** The hub as operators run it: `npm run hub -- …` (tsx src-hub/cli.ts) as a child process. */
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
});

function hub(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  return child;
}

function runToEnd(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no "listening on" within 60 s: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function login(base: string, user: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: user, password: 'training' }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

describe('npm run hub', () => {
  it('serves the demo seed, locks its data folder, and runs the administrator bypass when stopped', async () => {
    const data = mkdtempSync(join(tmpdir(), 'hub-cli-'));
    const first = hub(['serve', '--data', data, '--port', '0', '--demo', '--demo-leads', '12']);
    const base = await listening(first);
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const token = await login(base, 'agent1');
    const open = (await (await fetch(`${base}/api/v1/leads?scope=open&limit=200`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(open.items).toHaveLength(7); // 12 seeded, 5 already being worked
    const mine = (await (await fetch(`${base}/api/v1/leads?scope=mine`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Array<{ ref: string; stageId: string }> };
    expect(mine.items).toHaveLength(3);
    const supervisor = await login(base, 'supervisor1');
    const all = (await (await fetch(`${base}/api/v1/leads?scope=all&limit=200`, { headers: { authorization: `Bearer ${supervisor}` } })).json()) as { items: Array<{ lostReason: string | null }> };
    expect(all.items.filter((lead) => lead.lostReason === 'competitor')).toHaveLength(1);

    const second = hub(['serve', '--data', data, '--port', '0']);
    // Any other failure: its message and exit code 1 (a refused admin command's message: move-stage.admin.test.ts).
    await expect(listening(second)).rejects.toThrow(/^exited with 1: .*in use by another hub process/s);

    await stop(first);
    const ref = mine.items[0]?.ref ?? '';
    const moved = runToEnd(['admin', 'move-stage', '--data', data, '--lead', ref, '--stage', 'Negotiation']);
    expect(moved.stderr).toBe('');
    expect(moved.status).toBe(0);
    expect(moved.stdout).toContain(`${ref}:`);

    const again = hub(['serve', '--data', data, '--port', '0', '--demo']);
    const base2 = await listening(again);
    const token2 = await login(base2, 'agent1');
    const lead = mine.items[0] as unknown as { id: string };
    const messages = (await (await fetch(`${base2}/api/v1/leads/${lead.id}/messages`, { headers: { authorization: `Bearer ${token2}` } })).json()) as Array<{ body: string }>;
    expect(messages.at(-1)?.body).toContain('skip_stage_transition_check');
    const reseeded = (await (await fetch(`${base2}/api/v1/leads?scope=open&limit=200`, { headers: { authorization: `Bearer ${token2}` } })).json()) as { items: unknown[] };
    expect(reseeded.items).toHaveLength(7); // --demo seeds only an empty database
  }, 120_000);

  it('refuses a bad command line with the usage and exit code 2 (each refusal: src-hub/cli-commands.test.ts)', () => {
    const result = runToEnd(['serve', '--data', '/tmp/x', '--nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown option --nope.');
    expect(result.stderr).toContain('Usage:');
  }, 60_000);

  it('serves TLS with --tls-cert and --tls-key, on the PostgreSQL that DATABASE_URL names (keys sealed with HUB_SECRET)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-tls-'));
    // An EC key: as good as RSA for the handshake, made in milliseconds instead of up to a second.
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const database = await freshPostgresDatabase();
    try {
      const server = hub(['serve', '--port', '0', '--demo', '--demo-leads', '3', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')], {
        DATABASE_URL: database.url,
        HUB_SECRET: 'a test secret of enough length',
      });
      const base = await listening(server);
      expect(base).toMatch(/^https:\/\//);
      const { request } = await import('node:https');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${base}/api/v1/openapi.json`, { rejectUnauthorized: false }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        req.once('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      // The demo went into that database, not into a PGlite somewhere.
      const seeded = new pg.Client({ connectionString: database.url });
      await seeded.connect();
      const [row] = (await seeded.query<{ count: string }>('select count(*) as count from leads')).rows;
      await seeded.end();
      expect(row?.count).toBe('3');
      await stop(server);
    } finally {
      await database.drop();
    }
  }, 60_000);
});
