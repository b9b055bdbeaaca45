import { describe, expect, it, vi } from 'vitest';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { exampleLead } from '../../src-shared/contract/contract-examples.fixture';
import type { HubClient } from '../hub/hub-client';
import { FIRST_PAGE_LIMIT, HISTORY_PAGE_LIMIT, SyncDriver, type ReplicaPort } from './sync-driver';

const page = (cursor: string, hasMore: boolean): SyncPage => ({
  cursor,
  hasMore,
  reset: false,
  leads: [],
  removedLeadIds: [],
  messages: [],
  callLogs: [],
  activities: [],
  stages: [],
  users: [],
  dealerships: [],
});

/** The [cursor, limit] of each page a pull from an empty replica asks for, the hub answering from `pages`. */
async function limitsAsked(pages: ReadonlyMap<string, SyncPage>): Promise<Array<[string, number]>> {
  const limits: Array<[string, number]> = [];
  const hub = {
    request: async ({ query }: { query: { cursor?: string; limit: number } }) => {
      limits.push([query.cursor ?? 'start', query.limit]);
      return pages.get(query.cursor ?? 'start');
    },
  } as unknown as HubClient;
  let stored: string | null = null;
  const replica: ReplicaPort = { cursor: async () => stored, apply: async (applied) => void (stored = applied.cursor), reset: async () => undefined };
  await new SyncDriver(() => hub, replica, undefined, 1000).pull();
  return limits;
}

describe('SyncDriver', () => {
  it('asks for a small first page from an empty replica (writing starts sooner), then full pages', async () => {
    const pages = new Map([
      ['start', page('c1', true)],
      ['c1', page('c2', false)],
    ]);
    expect(await limitsAsked(pages)).toEqual([
      ['start', FIRST_PAGE_LIMIT],
      ['c1', 1000],
    ]);
  });

  it('asks for history pages at their own, smaller size once they come (each is written on the renderer\'s main thread)', async () => {
    const history = (cursor: string, hasMore: boolean): SyncPage => ({ ...page(cursor, hasMore), wholeLeadIds: ['l1'] });
    const leadRows = (cursor: string): SyncPage => ({ ...page(cursor, true), leads: [exampleLead] });
    const pages = new Map([
      ['start', leadRows('c1')],
      ['c1', leadRows('c2')],
      ['c2', history('c3', true)],
      ['c3', history('c4', false)],
    ]);
    expect(await limitsAsked(pages)).toEqual([
      ['start', FIRST_PAGE_LIMIT],
      ['c1', 1000],
      ['c2', 1000],
      ['c3', HISTORY_PAGE_LIMIT],
    ]);
  });

  it('hands the next page over while the replica still writes one: in order, each with the cursor it follows, at most two unconfirmed', async () => {
    const log: string[] = [];
    const pages = new Map([
      ['start', page('c1', true)],
      ['c1', page('c2', true)],
      ['c2', page('c3', true)],
      ['c3', page('c4', false)],
    ]);
    const hub = {
      request: async ({ query }: { query: { cursor?: string } }) => {
        log.push(`fetch ${query.cursor ?? 'start'}`);
        return pages.get(query.cursor ?? 'start');
      },
    } as unknown as HubClient;
    let unconfirmed = 0;
    let most = 0;
    let stored: string | null = null;
    // Commits in the order handed over, as IndexedDB runs the renderer's transactions; each takes a while.
    let writes = Promise.resolve();
    const replica: ReplicaPort = {
      cursor: async () => stored,
      apply: (applied, after) => {
        unconfirmed++;
        most = Math.max(most, unconfirmed);
        log.push(`hand ${applied.cursor} after ${after ?? 'none'}`);
        writes = writes.then(async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          expect(stored).toBe(after);
          stored = applied.cursor;
          log.push(`committed ${applied.cursor}`);
          unconfirmed--;
        });
        return writes;
      },
      reset: async () => undefined,
    };
    const progress: number[] = [];
    await new SyncDriver(() => hub, replica, (step) => progress.push(step.pages)).pull();
    expect(stored).toBe('c4');
    expect(most).toBe(2);
    // c2 is handed over before c1 is committed; c3 only once c1 is
    expect(log.indexOf('hand c2 after c1')).toBeLessThan(log.indexOf('committed c1'));
    expect(log.indexOf('hand c3 after c2')).toBeGreaterThan(log.indexOf('committed c1'));
    expect(log.filter((line) => line.startsWith('hand'))).toEqual(['hand c1 after none', 'hand c2 after c1', 'hand c3 after c2', 'hand c4 after c3']);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('fails with the page that failed, and ends only once the page handed over after it was refused', async () => {
    const pages = new Map([
      ['start', page('c1', true)],
      ['c1', page('c2', true)],
      ['c2', page('c3', false)],
    ]);
    const hub = { request: async ({ query }: { query: { cursor?: string } }) => pages.get(query.cursor ?? 'start') } as unknown as HubClient;
    let stored: string | null = null;
    const settled: string[] = [];
    let writes = Promise.resolve();
    const replica: ReplicaPort = {
      cursor: async () => stored,
      apply: (applied, after) => {
        const write = writes.then(async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          try {
            if (applied.cursor === 'c1') throw new Error('disk full');
            if (stored !== after) throw new Error(`out of step: ${after} on ${stored}`);
            stored = applied.cursor;
          } finally {
            settled.push(applied.cursor);
          }
        });
        writes = write.catch(() => undefined);
        return write;
      },
      reset: async () => undefined,
    };
    await expect(new SyncDriver(() => hub, replica).pull()).rejects.toThrow('disk full');
    expect(settled).toEqual(['c1', 'c2']);
    expect(stored).toBeNull();
  });
});

describe('SyncDriver when a page fails while the next is still fetched', () => {
  it('reports the failed page once the fetch ends, with no rejection left unhandled meanwhile', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let releaseFetch!: () => void;
      const slowFetch = new Promise<void>((resolve) => (releaseFetch = resolve));
      const hub = {
        request: async ({ query }: { query: { cursor?: string } }) => {
          if (query.cursor === 'c1') await slowFetch;
          return query.cursor === 'c1' ? page('c2', false) : page('c1', true);
        },
      } as unknown as HubClient;
      const replica: ReplicaPort = { cursor: async () => null, apply: async () => Promise.reject(new Error('disk full')), reset: async () => undefined };
      const pulled = new SyncDriver(() => hub, replica).pull();
      // the apply of c1 fails while the loop waits for c2's fetch
      await new Promise((resolve) => setTimeout(resolve, 20));
      releaseFetch();
      await expect(pulled).rejects.toThrow('disk full');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('SyncDriver right after a sign-in', () => {
  /** A hub answering from `pages` and a replica whose cursor comes only when `openReplica` is called. */
  function world(pages: ReadonlyMap<string, SyncPage>, storedCursor: string | null) {
    const log: string[] = [];
    const hub = {
      request: async ({ query }: { query: { cursor?: string; limit: number } }) => {
        log.push(`fetch ${query.cursor ?? 'start'} ${query.limit}`);
        return pages.get(query.cursor ?? 'start');
      },
    } as unknown as HubClient;
    let openReplica!: () => void;
    const opened = new Promise<void>((resolve) => (openReplica = resolve));
    let stored = storedCursor;
    const replica: ReplicaPort = {
      cursor: async () => {
        await opened;
        log.push(`cursor ${stored ?? 'none'}`);
        return stored;
      },
      apply: async (applied) => {
        log.push(`apply ${applied.cursor}`);
        stored = applied.cursor;
      },
      reset: async () => undefined,
    };
    return { driver: new SyncDriver(() => hub, replica, undefined, 1000), log, openReplica };
  }
  const pages = new Map([
    ['start', page('c1', true)],
    ['c1', page('c2', false)],
    ['kept', page('kept2', false)],
    ['kept2', page('kept2', false)],
  ]);

  it('asks for the first page and the one after it while the replica is still opening, and applies them to a new replica', async () => {
    const { driver, log, openReplica } = world(pages, null);
    driver.expectFirstSync();
    const pulled = driver.pull();
    await vi.waitFor(() => expect(log).toEqual([`fetch start ${FIRST_PAGE_LIMIT}`, 'fetch c1 1000']));
    openReplica();
    await pulled;
    // each page asked for once
    expect(log).toEqual([`fetch start ${FIRST_PAGE_LIMIT}`, 'fetch c1 1000', 'cursor none', 'apply c1', 'apply c2']);
  });

  it('drops those answers when the replica has a cursor after all (the same person signing in again), and only once', async () => {
    const { driver, log, openReplica } = world(pages, 'kept');
    driver.expectFirstSync();
    const pulled = driver.pull();
    await vi.waitFor(() => expect(log).toHaveLength(2));
    openReplica();
    await pulled;
    expect(log).toEqual([`fetch start ${FIRST_PAGE_LIMIT}`, 'fetch c1 1000', 'cursor kept', 'fetch kept 1000', 'apply kept2']);
    await driver.pull();
    expect(log.slice(5)).toEqual(['cursor kept2', 'fetch kept2 1000', 'apply kept2']);
  });

  it('waits for the cursor on any other pull', async () => {
    const { driver, log, openReplica } = world(pages, null);
    const pulled = driver.pull();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual([]);
    openReplica();
    await pulled;
    expect(log[0]).toBe('cursor none');
  });
});

describe('SyncDriver and changes the hub holds back', () => {
  it('asks again by itself, sooner at first, until the hub holds nothing back — then stops', async () => {
    vi.useFakeTimers();
    try {
      const answers = [{ ...page('c1', false), heldBack: true }, { ...page('c2', false), heldBack: true }, page('c3', false)];
      const fetched: string[] = [];
      const hub = {
        request: async ({ query }: { query: { cursor?: string } }) => {
          fetched.push(query.cursor ?? 'start');
          return answers.shift() ?? page('c3', false);
        },
      } as unknown as HubClient;
      let stored: string | null = null;
      const replica: ReplicaPort = { cursor: async () => stored, apply: async (applied) => void (stored = applied.cursor), reset: async () => undefined };
      await new SyncDriver(() => hub, replica, () => undefined, 1000, [25, 50]).pull();
      expect(fetched).toEqual(['start']);
      await vi.advanceTimersByTimeAsync(25);
      expect(fetched).toEqual(['start', 'c1']);
      await vi.advanceTimersByTimeAsync(49);
      expect(fetched).toEqual(['start', 'c1']);
      await vi.advanceTimersByTimeAsync(1);
      expect(fetched).toEqual(['start', 'c1', 'c2']);
      expect(stored).toBe('c3');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(fetched).toEqual(['start', 'c1', 'c2']);
    } finally {
      vi.useRealTimers();
    }
  });
});
