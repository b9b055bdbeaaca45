import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { syncPageSchema } from '../../src-shared/contract/sync.schema';
import type { HubClient } from '../hub/hub-client';

/** The renderer's replica as main sees it: it applies a page with its cursor in one transaction. */
export interface ReplicaPort {
  /** The cursor saved with the last applied page, or null for an empty replica. */
  cursor(): Promise<string | null>;
  /** Resolves only once the page and its cursor are committed together. */
  apply(page: SyncPage): Promise<void>;
  /** Drops the replica (but not its outbox) before syncing from the start. */
  reset(): Promise<void>;
}

export interface SyncProgress {
  pages: number;
  leads: number;
  done: boolean;
}

/**
 * The one pull loop: it asks the hub for the next page only after the renderer confirmed the last one.
 * Pulls requested while one runs are coalesced into one more pull after it.
 */
export class SyncDriver {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly hub: () => HubClient | null,
    private readonly replica: ReplicaPort,
    private readonly onProgress: (progress: SyncProgress) => void = () => undefined,
    private readonly pageSize = 500,
  ) {}

  /** Pull until the hub has nothing more; resolves when everything pulled so far is applied. */
  pull(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pullAll();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Ctrl+Shift+R: drop the replica and sync from scratch. */
  async rebuild(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.replica.reset();
    await this.pull();
  }

  private async pullAll(): Promise<void> {
    const hub = this.hub();
    if (!hub) return;
    let cursor = await this.replica.cursor();
    const progress: SyncProgress = { pages: 0, leads: 0, done: false };
    for (let guard = 0; guard < 100_000; guard++) {
      const page = await hub.request({
        method: 'GET',
        path: '/sync',
        query: { cursor: cursor ?? undefined, limit: this.pageSize },
        schema: syncPageSchema,
        idempotent: true,
      });
      if (page.reset) {
        await this.replica.reset();
        cursor = null;
        continue;
      }
      await this.replica.apply(page);
      cursor = page.cursor;
      progress.pages++;
      progress.leads += page.leads.length;
      if (!page.hasMore) break;
      this.onProgress({ ...progress });
    }
    this.onProgress({ ...progress, done: true });
  }
}
