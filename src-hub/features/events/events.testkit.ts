import { changeEventSchema } from '../../../src-shared/contract/sync.schema';
import type { Database } from '../../db/database';
import { CHANGES_CHANNEL, type ChangeNotice } from '../changes/change-log';
import { parseNotice } from './change-fanout';

/** One parsed server-sent event block: an event with data, or a comment (`: ping`). */
export interface SseBlock {
  event?: string;
  data?: string;
  comment?: string;
}

export interface TestEventStream {
  status: number;
  headers: Headers;
  blocks: SseBlock[];
  changes(): SseBlock[];
  pings(): SseBlock[];
  /** Resolves when the server ends the stream (or the test aborts it). */
  ended: Promise<void>;
  close(): void;
}

function parseBlock(block: string): SseBlock {
  const parsed: SseBlock = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) parsed.comment = line.slice(1).trim();
    else if (line.startsWith('event:')) parsed.event = line.slice(6).trim();
    else if (line.startsWith('data:')) parsed.data = (parsed.data ? `${parsed.data}\n` : '') + line.slice(5).trim();
  }
  return parsed;
}

/** Opens `GET /events` with a real HTTP request and collects what arrives. */
export async function openEventStream(baseUrl: string, token?: string): Promise<TestEventStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/events`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal });
  const blocks: SseBlock[] = [];
  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          blocks.push(parseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    blocks,
    changes: () => blocks.filter((block) => block.event === 'change'),
    pings: () => blocks.filter((block) => block.comment === 'ping'),
    ended,
    close: () => controller.abort(),
  };
}

/** Polls `condition` until it holds or `timeoutMs` passes; answers whether it held. */
export async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** The `cursor` hint of a change event: the hub's count of change notices, the one that woke it included. */
export function cursors(stream: TestEventStream): number[] {
  return stream.changes().map((block) => Number(changeEventSchema.parse(JSON.parse(block.data ?? '')).cursor));
}

/**
 * The test's own LISTEN on the change channel. Started before a hub's first event stream subscribes (its LISTEN)
 * with no write in between, the n-th notice heard here is the one the hub counts as n: an event whose cursor is
 * n was sent once the hub had handled that notice and every one before it.
 */
export interface ChangeTap {
  notices: Array<ChangeNotice | null>;
  /** Waits for the first notice that matches, and answers its number (1-based, as the hub counts). */
  numberOf(matches: (notice: ChangeNotice) => boolean): Promise<number>;
  stop(): Promise<void>;
}

export async function tapChanges(db: Database): Promise<ChangeTap> {
  const notices: Array<ChangeNotice | null> = [];
  const stop = await db.listen(CHANGES_CHANNEL, (payload) => notices.push(parseNotice(payload)));
  return {
    notices,
    async numberOf(matches) {
      const index = () => notices.findIndex((notice) => notice !== null && matches(notice));
      if (!(await eventually(() => index() >= 0))) throw new Error('no such change notice was heard');
      return index() + 1;
    },
    stop,
  };
}
