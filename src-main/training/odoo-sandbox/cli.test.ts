import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The CLI as a script would run it: a child process, its first line, a signal, an exit code. */

const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));

interface Run {
  stdout: string;
  stderr: string;
  exitCode: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  firstLine: Promise<string>;
}

function runCli(args: string[]): Run {
  // Node with tsx's loader: what `npx tsx cli.ts` does, without npx's start-up time.
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = {
    stdout: '',
    stderr: '',
    exitCode: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
    firstLine: new Promise((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        run.stdout += chunk.toString();
        if (run.stdout.includes('\n')) resolve(run.stdout.split('\n')[0] ?? '');
      });
      child.once('exit', () => resolve(run.stdout.split('\n')[0] ?? ''));
    }),
  };
  child.stderr.on('data', (chunk: Buffer) => {
    run.stderr += chunk.toString();
  });
  return run;
}

describe('odoo sandbox CLI', () => {
  it('prints the actual port for --port 0, serves JSON-RPC and exits cleanly on SIGTERM', async () => {
    const run = runCli(['--port', '0']);
    const line = await run.firstLine;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(line).not.toMatch(/:0$/);
    const response = await fetch(`${line.slice('listening on '.length)}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'common', method: 'version', args: [] }, id: 1 }),
    });
    expect(((await response.json()) as { result: { server_serie: string } }).result.server_serie).toBe('18.0');
    run.kill('SIGTERM');
    expect(await run.exitCode).toBe(0);
  });

  it('exits cleanly on SIGINT', async () => {
    const run = runCli(['--port=0']);
    expect(await run.firstLine).toMatch(/^listening on /);
    run.kill('SIGINT');
    expect(await run.exitCode).toBe(0);
  });

  it.each([[['--port', 'abc']], [['--port', '70000']], [['--port']], [['--bogus']]])('rejects %j with a message and exit code 2', async (args) => {
    const run = runCli(args);
    expect(await run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^odoo-sandbox: .+\nusage: /);
    expect(run.stdout).toBe('');
  });
});
