import { appendFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { hubCommand } from '../harness/built-hub';

/**
 * The built hub as its own process (as in production: `node out/hub/cli.js`, built first when stale), on
 * PostgreSQL, so the load generator does not share its event loop. `HUB_CPU_PROF=<folder>`: the hub writes a
 * CPU profile there when it stops (where its share of a bench's time goes).
 */
export async function startHubProcess(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const { command, args } = hubCommand(['serve', '--port', '0']);
  const profileDir = process.env['HUB_CPU_PROF'];
  const child = spawn(command, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...args] : args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, HUB_SECRET: 'bench secret for the hub benchmark' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('hub did not start within 60 s')), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
  });
  // HUB_LOG=file: the hub's request log lines from here on (each with its responseTime), for a bench's timeline.
  const logPath = process.env['HUB_LOG'];
  if (logPath) child.stdout?.on('data', (chunk: Buffer) => appendFileSync(logPath, chunk));
  return { url: `${url}/api/v1`, child };
}

