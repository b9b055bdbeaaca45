import { spawn, type ChildProcess } from 'node:child_process';
import { hubCommand } from '../../harness/built-hub';
import { copyMigratedFolder } from '../../harness/pglite-folder';

/**
 * The hub as its own process, as a floor runs it (the built `node out/hub/cli.js serve --demo` on PGlite in a data folder),
 * so the rehearsal can kill it outright (SIGKILL) and start it again on the same data.
 */
export class FloorHub {
  private constructor(
    private child: ChildProcess,
    public url: string,
    private readonly dataDir: string,
  ) {}

  static async start(dataDir: string): Promise<FloorHub> {
    // The data folder starts as a copy of the run's migrated data folder (test/harness/pglite-folder.ts): the hub
    // process opens the cluster as it is instead of loading the snapshot's tarball (1.3 s), and seeds the demo into it
    // as on any empty database.
    copyMigratedFolder(dataDir);
    const { child, url } = await spawnHub(dataDir);
    return new FloorHub(child, url, dataDir);
  }

  /** Kills the process without warning (no shutdown, no flush), then starts a new one on the same data. */
  async killAndRestart(): Promise<void> {
    await this.kill();
    const { child, url } = await spawnHub(this.dataDir);
    this.child = child;
    this.url = url;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }
}

async function spawnHub(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const { command, args } = hubCommand(['serve', '--data', dataDir, '--port', '0', '--demo', '--demo-leads', '20']);
  const child = spawn(command, args, {
    env: { ...process.env, DATABASE_URL: '', SMTP_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub did not start within 90 s: ${errors}`)), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (${code ?? signal}) before listening: ${errors}`));
    });
  });
  return { child, url };
}
