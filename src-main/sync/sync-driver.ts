import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { SYNC_LIMIT, syncPageSchema } from '../../src-shared/contract/sync.schema';
import type { HubClient } from '../hub/hub-client';

/** The renderer's replica as main sees it: it applies a page with its cursor in one transaction. */
export interface ReplicaPort {
  /** The cursor saved with the last applied page, or null for an empty replica. */
  cursor(): Promise<string | null>;
  /**
   * Resolves only once the page and its cursor are committed together, onto a replica whose cursor was `after` (the
   * cursor the page was asked for with); a replica at another cursor refuses the page and changes nothing. A call may
   * come before the one before it resolved: the replica applies pages in the order of the calls.
   */
  apply(page: SyncPage, after: string | null): Promise<void>;
  /** Drops the replica (but not its outbox) before syncing from the start. */
  reset(): Promise<void>;
}

/**
 * A first sync's first page asks for this much (the hub sends ten lead rows per unit while bootstrapping): it comes
 * back in a fraction of a full page's time, so the renderer starts writing while the full pages after it are
 * fetched — the first full page's fetch is no longer waited for with nothing to do.
 */
export const FIRST_PAGE_LIMIT = 100;

/**
 * Once history pages come (the own leads' messages, call logs and activities), they are asked for at this size:
 * the renderer parses each page and writes it in one transaction on its main thread, and a smaller page keeps each
 * such stretch short enough for the boards to keep painting, while each page costs its own round of work on every
 * side (the hub's queries, a transaction, the stores' heads read again). `npm run bench:sync`, pages handed over
 * while the one before is written and the chunks' keys out of line: own pipeline 3,505–3,563 ms at 500 own leads a
 * page (frame p95 29.5–32.6), 3,056–3,507 at 750 (35.5–43.6), 2,903–3,282 at 1,000 (39.1–46.1, close to the 50 ms
 * budget); before those two changes 1,000 went over it (52–54).
 */
export const HISTORY_PAGE_LIMIT = 750;

export interface SyncProgress {
  pages: number;
  leads: number;
  done: boolean;
}

/**
 * The one pull loop: pages are applied in order, each with its cursor and only onto the cursor before it; the page
 * after is fetched while one is applied (at most one ahead), and handed to the replica while the one before it is
 * still being written (at most two unconfirmed). Pulls requested while one runs are coalesced into one more pull
 * after it.
 */
export class SyncDriver {
  private running: Promise<void> | null = null;
  private again = false;
  private heldBackTries = 0;
  private heldBackTimer: ReturnType<typeof setTimeout> | null = null;
  private firstSyncLikely = false;

  constructor(
    private readonly hub: () => HubClient | null,
    private readonly replica: ReplicaPort,
    private readonly onProgress: (progress: SyncProgress) => void = () => undefined,
    private readonly pageSize: number = SYNC_LIMIT.max,
    /** How soon to ask again while the hub holds committed changes behind an older transaction; the last repeats. */
    private readonly heldBackDelaysMs: readonly number[] = [25, 50, 100, 250, 500, 1000, 2000],
  ) {}

  /** Pull until the hub has nothing more; resolves when everything pulled so far is applied. */
  pull(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let heldBack: boolean;
        do {
          this.again = false;
          heldBack = await this.pullAll();
        } while (this.again);
        this.askAgainIfHeldBack(heldBack);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /**
   * A person just signed in: their replica is most likely new (signing out deletes it; hot-desking floors sign in
   * to an empty one every shift). The next pull asks the hub for its first page at once, while the renderer is
   * still opening the replica to say its cursor; the answer is dropped if the replica has a cursor after all.
   */
  expectFirstSync(): void {
    this.firstSyncLikely = true;
  }

  /** Ctrl+Shift+R: drop the replica and sync from scratch. */
  async rebuild(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.replica.reset();
    await this.pull();
  }

  /**
   * Changes committed while an older transaction still ran are held back by the hub (DESIGN.md §6) and no event
   * will come for them when it ends: the driver asks again, sooner at first, until the hub holds nothing back.
   */
  private askAgainIfHeldBack(heldBack: boolean): void {
    if (!heldBack) {
      this.heldBackTries = 0;
      return;
    }
    if (this.heldBackTimer) return;
    const delay = this.heldBackDelaysMs[Math.min(this.heldBackTries, this.heldBackDelaysMs.length - 1)] ?? 2000;
    this.heldBackTries++;
    this.heldBackTimer = setTimeout(() => {
      this.heldBackTimer = null;
      // A failure here is the next pull's to report; the event stream and the periodic pull go on regardless.
      this.pull().catch(() => undefined);
    }, delay);
    this.heldBackTimer.unref?.();
  }

  /** Whether the last page said the hub holds committed changes back. */
  private async pullAll(): Promise<boolean> {
    const hub = this.hub();
    if (!hub) return false;
    const fetchPage = (cursor: string | null, limit: number): Promise<SyncPage> => {
      const request = hub.request({
        method: 'GET',
        path: '/sync',
        // Lead rows first, then the own leads' history; other leads' history is read when a lead is opened.
        query: { cursor: cursor ?? undefined, limit, history: 'own' },
        schema: syncPageSchema,
        idempotent: true,
      });
      // Awaited later, or dropped when an apply fails: never an unhandled rejection.
      request.catch(() => undefined);
      return request;
    };
    const firstPage = (): Promise<SyncPage> => fetchPage(null, Math.min(FIRST_PAGE_LIMIT, this.pageSize));
    // The page after each page, asked for once: as soon as that page is here, while the renderer applies it (or,
    // for a guessed first page, while the renderer is still opening the replica). The hub's and the renderer's
    // work overlap; pages are still applied in order, each with its cursor.
    const following = new WeakMap<SyncPage, Promise<SyncPage>>();
    const pageAfter = (page: SyncPage): Promise<SyncPage> => {
      let after = following.get(page);
      if (!after) {
        // A page of history (leads brought whole, no lead rows): the pages after it are history too, or changes.
        const history = page.leads.length === 0 && (page.wholeLeadIds?.length ?? 0) > 0;
        after = fetchPage(page.cursor, history ? Math.min(HISTORY_PAGE_LIMIT, this.pageSize) : this.pageSize);
        following.set(page, after);
      }
      return after;
    };
    const guessed = this.firstSyncLikely ? firstPage() : null;
    this.firstSyncLikely = false;
    // Dropped with the guess if the replica has a cursor after all (a read the hub answers twice, nothing more).
    guessed?.then((page) => page.hasMore && !page.reset && void pageAfter(page)).catch(() => undefined);
    const cursor = await this.replica.cursor();
    let next = cursor === null ? (guessed ?? firstPage()) : fetchPage(cursor, this.pageSize);
    let after = cursor;
    const progress: SyncProgress = { pages: 0, leads: 0, done: false };
    // The pages handed to the replica and not yet confirmed, at most two: a page is handed over while the one before
    // it is still being written (its hand-over and parsing overlap that write and its commit), each applies only
    // onto the cursor of the one before, so a page after one that failed is refused, not applied out of step.
    let confirmed: Promise<void> = Promise.resolve();
    let handed: Promise<void> = Promise.resolve();
    try {
      for (let guard = 0; guard < 100_000; guard++) {
        const page = await next;
        if (page.reset) {
          await confirmed;
          await this.replica.reset();
          after = null;
          next = firstPage();
          continue;
        }
        if (page.hasMore) next = pageAfter(page);
        const applied = this.replica.apply(page, after);
        // Awaited through `confirmed`; when an earlier page failed, this one's refusal is that failure's echo.
        applied.catch(() => undefined);
        handed = applied;
        after = page.cursor;
        await confirmed;
        confirmed = applied.then(() => {
          progress.pages++;
          progress.leads += page.leads.length;
          if (page.hasMore) this.onProgress({ ...progress });
        });
        // Awaited below or by the next page; it may fail while the loop still waits for that page's fetch.
        confirmed.catch(() => undefined);
        if (!page.hasMore) {
          await confirmed;
          this.onProgress({ ...progress, done: true });
          return page.heldBack === true;
        }
      }
      await confirmed;
    } finally {
      // A pull that failed (a page not fetched, an apply refused) ends only once the replica settled what it was
      // handed: the next pull reads a cursor nothing is still writing.
      await Promise.allSettled([confirmed, handed]);
    }
    this.onProgress({ ...progress, done: true });
    return false;
  }
}
