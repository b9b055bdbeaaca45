import { join } from 'node:path';
import { startHub, type RunningHub } from '../../src-hub/start-hub';

/**
 * Training mode: with no hub configured the app runs its own, embedded in the user-data folder (PGlite,
 * the demo seed), so a fresh install works end to end. Started on first need, stopped with the app.
 */
export class TrainingHub {
  private running: Promise<RunningHub> | null = null;

  constructor(private readonly userDataDir: string) {}

  url(): Promise<string> {
    this.running ??= startHub({ storage: { dataDir: join(this.userDataDir, 'training-hub'), databaseUrl: undefined }, host: '127.0.0.1', port: 0, demo: { leads: 50 } });
    return this.running.then((hub) => hub.url);
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await (await running).close();
  }
}
