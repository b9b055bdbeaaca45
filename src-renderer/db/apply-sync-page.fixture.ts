import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { applySyncPage, replicaCursor } from './apply-sync-page';
import type { ReplicaDb } from './replica-db';

/**
 * Applies a page onto whatever cursor the replica holds: for tests that seed pages without a chain of cursors (the
 * check that a page follows the replica's cursor has tests of its own in apply-sync-page.test.ts).
 */
export async function applyOnTop(db: ReplicaDb, page: SyncPage): Promise<void> {
  await applySyncPage(db, page, await replicaCursor(db));
}
