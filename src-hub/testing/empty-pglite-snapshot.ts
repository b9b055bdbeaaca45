import { readFileSync } from 'node:fs';
import { inject } from 'vitest';

let emptySnapshot: Blob | undefined;

/**
 * The run's PGlite cluster with no migration applied (test/setup/hub-databases.global-setup.ts), read once per test
 * file: a test that migrates step by step opens a copy of it instead of running initdb. A module of its own so that
 * the migration tests do not import the hub (hub-test-env.ts): that cost them 1.6 s of import each.
 */
export function emptyPgliteSnapshot(): Blob {
  emptySnapshot ??= new Blob([readFileSync(inject('pgliteEmptySnapshotPath'))]);
  return emptySnapshot;
}
