import { describe, expect, it } from 'vitest';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import type { HubClient } from '../hub/hub-client';
import { SyncDriver, type ReplicaPort } from './sync-driver';

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

describe('SyncDriver', () => {
  it('asks for the next page while the renderer applies one, and still applies them one at a time, in order', async () => {
    const log: string[] = [];
    const pages = new Map([
      ['start', page('c1', true)],
      ['c1', page('c2', true)],
      ['c2', page('c3', false)],
    ]);
    const hub = {
      request: async ({ query }: { query: { cursor?: string } }) => {
        log.push(`fetch ${query.cursor ?? 'start'}`);
        return pages.get(query.cursor ?? 'start');
      },
    } as unknown as HubClient;
    let applying = 0;
    let stored: string | null = null;
    const replica: ReplicaPort = {
      cursor: async () => stored,
      apply: async (applied) => {
        applying++;
        expect(applying).toBe(1);
        log.push(`apply ${applied.cursor}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        stored = applied.cursor;
        log.push(`applied ${applied.cursor}`);
        applying--;
      },
      reset: async () => undefined,
    };
    await new SyncDriver(() => hub, replica).pull();
    // without the overlap: apply c1, applied c1, fetch c1, …
    expect(log).toEqual(['fetch start', 'fetch c1', 'apply c1', 'applied c1', 'fetch c2', 'apply c2', 'applied c2', 'apply c3', 'applied c3']);
    expect(stored).toBe('c3');
  });
});
