import type { TestProject } from 'vitest/node';
import { pgliteSnapshotFile } from '../../src-hub/testing/migrated-databases';

/** The e2e hubs start from the migrated PGlite snapshot too (the same file as the node project's, made once). */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteSnapshotPath', await pgliteSnapshotFile());
}
