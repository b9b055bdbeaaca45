import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the checkout (so the bundle finds PGlite in node_modules) but not out/hub, which other runs may use.
const OUT = join(ROOT, '.tmp', `hub-build-test-${process.pid}`);
const BUNDLE = join(OUT, 'cli.js');

/** Plain node: no tsx loader, no inherited NODE_OPTIONS that could bring one. */
function plainNode(args: string[]): ChildProcess {
  const env = { ...process.env, DATABASE_URL: '', NODE_OPTIONS: '' };
  return spawn(process.execPath, [BUNDLE, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('npm run build:hub', () => {
  const children: ChildProcess[] = [];

  beforeAll(() => {
    const built = spawnSync('npm', ['run', '--silent', 'build:hub', '--', '--outDir', OUT], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(built.status, built.stderr).toBe(0);
  }, 150_000);

  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(OUT, { recursive: true, force: true });
  });

  it('writes one file that plain node runs: serve --demo listens and answers', async () => {
    expect(existsSync(BUNDLE)).toBe(true);
    const data = mkdtempSync(join(tmpdir(), 'hub-bundle-'));
    const hub = plainNode(['serve', '--data', data, '--port', '0', '--demo', '--demo-leads', '3']);
    children.push(hub);
    const base = await listening(hub);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'agent1', password: 'training' }) });
    expect(login.status).toBe(200);
  }, 90_000);

  it('speaks the same command line as npm run hub', () => {
    const result = spawnSync(process.execPath, [BUNDLE, 'serve', '--port', 'abc'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage:');
  });
});
