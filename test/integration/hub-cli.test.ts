import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

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
    await expect(listening(second)).rejects.toThrow(/in use by another hub process/);

    await stop(first);
    const ref = mine.items[0]?.ref ?? '';
    const moved = runToEnd(['admin', 'move-stage', '--data', data, '--lead', ref, '--stage', 'Negotiation']);
    expect(moved.stderr).toBe('');
    expect(moved.status).toBe(0);
    expect(moved.stdout).toContain(`${ref}:`);
    const bad = runToEnd(['admin', 'move-stage', '--data', data, '--lead', ref, '--stage', 'Nowhere']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('No stage named "Nowhere"');

    const again = hub(['serve', '--data', data, '--port', '0', '--demo']);
    const base2 = await listening(again);
    const token2 = await login(base2, 'agent1');
    const lead = mine.items[0] as unknown as { id: string };
    const messages = (await (await fetch(`${base2}/api/v1/leads/${lead.id}/messages`, { headers: { authorization: `Bearer ${token2}` } })).json()) as Array<{ body: string }>;
    expect(messages.at(-1)?.body).toContain('skip_stage_transition_check');
    const reseeded = (await (await fetch(`${base2}/api/v1/leads?scope=open&limit=200`, { headers: { authorization: `Bearer ${token2}` } })).json()) as { items: unknown[] };
    expect(reseeded.items).toHaveLength(7); // --demo seeds only an empty database
  }, 120_000);

  it('refuses bad arguments with the usage and exit code 2', () => {
    for (const args of [['serve', '--port', 'abc', '--data', '/tmp/x'], ['serve'], ['launch'], ['serve', '--data', '/tmp/x', '--nope']]) {
      const result = runToEnd(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage:');
    }
  }, 60_000);

  it('serves TLS with --tls-cert and --tls-key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    const server = hub(['serve', '--data', join(dir, 'data'), '--port', '0', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')]);
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
  }, 60_000);
});
