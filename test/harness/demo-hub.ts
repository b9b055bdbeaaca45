import { startHub, type RunningHub } from '../../src-hub/start-hub';
import { migratedDataDir } from './pglite-folder';

/** A training hub for an e2e file: the demo seed on PGlite in a copy of the migrated data folder, cheap passwords, quiet logs. */
export function startDemoHub(name: string, leads: number): Promise<RunningHub> {
  return startHub({
    storage: { dataDir: migratedDataDir(`e2e-${name}-`), databaseUrl: undefined },
    port: 0,
    demo: { leads },
    config: { passwordCost: { N: 1024, r: 8, p: 1 } },
    log: { info: () => undefined, error: () => undefined },
  });
}
