import type { ReplicaPageRequest } from '../../src-shared/contract/crm-api';
import type { SyncPage } from '../../src-shared/contract/sync.schema';

/**
 * The page main hands over, parsed: main validated it against the sync contract before sending (the renderer does
 * not check every row again); what is checked here is the hand-over itself, so a broken one is an error naming it.
 */
export function readPageRequest(request: ReplicaPageRequest): { page: SyncPage; after: string | null } {
  const { json, after } = (request ?? {}) as Partial<ReplicaPageRequest>;
  if (typeof json !== 'string') throw new TypeError('A sync page to apply came without its JSON text.');
  if (after !== null && typeof after !== 'string') throw new TypeError('A sync page to apply came without the cursor it follows (a string, or null from the start).');
  const page = JSON.parse(json) as SyncPage | null;
  if (typeof page !== 'object' || page === null || typeof page.cursor !== 'string') throw new TypeError('A sync page to apply is not a sync page (no cursor).');
  return { page, after };
}
