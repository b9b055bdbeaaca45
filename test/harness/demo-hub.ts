import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type RunningHub } from '../../src-hub/start-hub';
import { pgliteSnapshot } from '../../src-hub/testing/hub-test-env';

/** A training hub for an e2e file: the demo seed on PGlite from the migrated snapshot, cheap passwords, quiet logs. */
export function startDemoHub(name: string, leads: number): Promise<RunningHub> {
  return startHub({
    storage: { dataDir: mkdtempSync(join(tmpdir(), `e2e-${name}-`)), databaseUrl: undefined, pgliteSnapshot: pgliteSnapshot() },
    port: 0,
    demo: { leads },
    config: { passwordCost: { N: 1024, r: 8, p: 1 } },
    log: { info: () => undefined, error: () => undefined },
  });
}
