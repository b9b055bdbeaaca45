import type { TestProject } from 'vitest/node';
import { pgliteSnapshotFile } from '../../src-hub/testing/migrated-databases';
import { clearAbandonedLocks } from '../harness/file-lock';

/**
 * The e2e hubs start from the migrated PGlite snapshot too (the same file as the node project's, made once).
 * Locks a killed earlier run left (the browser lane, the renderer build) are cleared before any worker starts.
 */
export default async function setup(project: TestProject): Promise<void> {
  clearAbandonedLocks();
  project.provide('pgliteSnapshotPath', await pgliteSnapshotFile());
}
