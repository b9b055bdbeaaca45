/** The hub's server-sent events, held open by main with reconnection and backoff. */
export type StreamState = 'online' | 'reconnecting' | 'offline' | 'update_required';

/** Opens the stream: a status and the body's bytes. Node's fetch by default; a private CA's hub needs its own. */
export type StreamOpener = (url: string, headers: Record<string, string>, signal: AbortSignal) => Promise<{ status: number; body: AsyncIterable<Uint8Array> | null }>;

const fetchOpener: StreamOpener = async (url, headers, signal) => {
  const response = await fetch(url, { headers, signal });
  return { status: response.status, body: response.body as unknown as AsyncIterable<Uint8Array> | null };
};

export interface EventStreamOptions {
  url: string;
  token: () => string | null;
  /** Extra headers on every attempt (the app's version). */
  headers?: Record<string, string>;
  onEvent: (event: string, data: string) => void;
  onState: (state: StreamState) => void;
  /** Backoff steps between reconnection attempts; the last repeats. */
  backoffMs?: readonly number[];
  /** After this many failed attempts in a row the state is `offline` (still retrying). */
  offlineAfter?: number;
  /** No bytes (not even a heartbeat) for this long → the stream is considered dead and reopened. */
  idleTimeoutMs?: number;
  open?: StreamOpener;
  /** The hub refused the token (401): the stream stops instead of retrying a session that has ended. */
  onRefused?: () => void;
}

/** Parses an SSE byte stream into events (the subset the hub sends: `event:`, `data:`, comments). */
export function createSseParser(onEvent: (event: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
      if (line === '') {
        if (data.length > 0) onEvent(event, data.join('\n'));
        event = 'message';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  };
}

export class EventStream {
  private controller: AbortController | null = null;
  private stopped = true;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private current: StreamState = 'offline';

  constructor(private readonly options: EventStreamOptions) {}

  /** Whether the stream is open now (what the last onState said). */
  state(): StreamState {
    return this.current;
  }

  private report(state: StreamState): void {
    this.current = state;
    this.options.onState(state);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    if (this.timer) clearTimeout(this.timer);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const controller = new AbortController();
    this.controller = controller;
    let idle: NodeJS.Timeout | null = null;
    let updateRequired = false;
    const resetIdle = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), this.options.idleTimeoutMs ?? 45_000);
    };
    try {
      const token = this.options.token();
      resetIdle();
      const open = this.options.open ?? fetchOpener;
      const response = await open(this.options.url, { accept: 'text/event-stream', ...this.options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, controller.signal);
      if (response.status === 401 && this.options.onRefused) {
        this.stop();
        this.options.onRefused();
        return;
      }
      // 426: this app version is no longer served. Said as such; the stream keeps asking at its slowest pace
      // (the hub's minimum may be lowered again), and the app offers nothing but the update meanwhile.
      if (response.status === 426) updateRequired = true;
      if (response.status < 200 || response.status > 299 || !response.body) throw new Error(`events answered ${response.status}`);
      this.failures = 0;
      this.report('online');
      const parse = createSseParser(this.options.onEvent);
      const decoder = new TextDecoder();
      for await (const chunk of response.body) {
        resetIdle();
        parse(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // dropped, refused or timed out: reconnect below
    } finally {
      if (idle) clearTimeout(idle);
    }
    if (this.stopped) return;
    this.failures++;
    const steps = this.options.backoffMs ?? [500, 1000, 2000, 5000, 10_000];
    if (updateRequired) this.failures = Math.max(this.failures, steps.length);
    this.report(updateRequired ? 'update_required' : this.failures >= (this.options.offlineAfter ?? 3) ? 'offline' : 'reconnecting');
    const delay = steps[Math.min(this.failures - 1, steps.length - 1)] ?? 10_000;
    this.timer = setTimeout(() => void this.connect(), delay);
  }
}
