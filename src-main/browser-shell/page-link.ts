import type { ServerResponse } from 'node:http';
import { pageRequestOf, type ReplicaOperation } from '../../src-shared/contract/crm-api';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import { ReadySignal } from '../sync/ready-signal';
import type { ReplicaPort } from '../sync/sync-driver';

/** One line of the page's stream: an event of main's, or a question to the page's replica. */
export type StreamLine =
  | { type: 'hello'; streamId: number }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'replica'; id: number; op: ReplicaOperation; arg?: unknown };

/**
 * Main's side of the page in the browser shell: what Electron's webContents.send and the replica IPC round
 * trip are in the app. Events go to every open stream (a reloaded page opens a new one); replica questions
 * go to the stream whose page said its replica is open, and its answers come back by id.
 */
export class PageLink {
  private readonly streams = new Map<number, ServerResponse>();
  private readonly ready = new ReadySignal();
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private replicaStream: number | null = null;
  private nextId = 1;
  private nextStreamId = 1;

  constructor(private readonly timeoutMs = 60_000) {}

  /** A page's stream: its first line names it, so the page can say which stream its replica listens on. */
  attach(stream: ServerResponse): void {
    const streamId = this.nextStreamId++;
    this.streams.set(streamId, stream);
    stream.on('close', () => {
      this.streams.delete(streamId);
      if (this.replicaStream === streamId) this.setReady(streamId, false);
    });
    write(stream, { type: 'hello', streamId });
  }

  emit(event: string, payload: unknown): void {
    for (const stream of this.streams.values()) write(stream, { type: 'event', event, payload });
  }

  /** The page listening on this stream opened its replica (true) or closed it (false). */
  setReady(streamId: unknown, ready: boolean): void {
    if (typeof streamId !== 'number' || !this.streams.has(streamId)) {
      if (!ready) return;
      throw new Error('No such page stream.');
    }
    if (ready) this.replicaStream = streamId;
    else if (this.replicaStream === streamId) this.replicaStream = null;
    this.ready.set(this.replicaStream !== null);
  }

  answer(response: { id?: unknown; ok?: unknown; value?: unknown; message?: unknown }): void {
    const entry = typeof response.id === 'number' ? this.pending.get(response.id) : undefined;
    if (!entry) return;
    this.pending.delete(response.id as number);
    clearTimeout(entry.timer);
    if (response.ok === true) entry.resolve(response.value);
    else entry.reject(new Error(`The local replica refused: ${String(response.message)}`));
  }

  close(): void {
    for (const stream of this.streams.values()) stream.end();
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new Error('The app page closed.'));
      this.pending.delete(id);
    }
  }

  readonly replica: ReplicaPort = {
    cursor: async () => {
      const value = await this.ask('cursor');
      return typeof value === 'string' ? value : null;
    },
    // As text, like the Electron bridge: the page is handed one string (RendererReplica.apply).
    apply: async (page: SyncPage, after: string | null) => void (await this.ask('apply', pageRequestOf(page, after))),
    reset: async () => void (await this.ask('reset')),
  };

  private async ask(op: ReplicaOperation, arg?: unknown): Promise<unknown> {
    await this.ready.wait(this.timeoutMs);
    return new Promise((resolve, reject) => {
      const target = this.replicaStream === null ? undefined : this.streams.get(this.replicaStream);
      if (!target) return reject(new Error('The app page is not open.'));
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`The local replica did not answer ${op} in time.`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      write(target, { type: 'replica', id, op, ...(arg === undefined ? {} : { arg }) });
    });
  }
}

function write(stream: ServerResponse, line: StreamLine): void {
  if (!stream.writableEnded) stream.write(`${JSON.stringify(line)}\n`);
}
