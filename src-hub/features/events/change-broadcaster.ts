import { parseNotice, wakes, type EventListener } from './change-fanout';

/** Subscribes to the change channel; resolves to the unsubscribe function (`Database.listen` bound to it). */
export type ListenFn = (onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

interface Subscriber {
  listener: EventListener;
  send: (hint: string) => void;
  lastSentAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * One LISTEN per hub process, fanned out to the users connected to this process. Bursts are coalesced: a
 * subscriber hears at most one event per `coalesceMs`, the first at once and the rest of a burst as one.
 */
export class ChangeBroadcaster {
  private readonly subscribers = new Set<Subscriber>();
  private listening: Promise<() => Promise<void>> | null = null;
  private closed = false;
  /** The `cursor` hint of events: it only has to change when something did. */
  private version = 0;

  constructor(
    private readonly listen: ListenFn,
    private readonly coalesceMs = 50,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Adds a subscriber once the LISTEN is in place (so nothing committed afterwards is missed). */
  async subscribe(listener: EventListener, send: (hint: string) => void): Promise<() => void> {
    if (this.closed) throw new Error('the change broadcaster is closed');
    if (!this.listening) {
      this.listening = this.listen((payload) => this.onPayload(payload));
      this.listening.catch(() => {
        this.listening = null; // a later subscriber tries again
      });
    }
    await this.listening;
    const subscriber: Subscriber = { listener, send, lastSentAt: 0, timer: null };
    this.subscribers.add(subscriber);
    return () => {
      if (subscriber.timer) clearTimeout(subscriber.timer);
      this.subscribers.delete(subscriber);
    };
  }

  private onPayload(payload: string): void {
    const notice = parseNotice(payload);
    this.version++;
    for (const subscriber of this.subscribers) {
      if (wakes(subscriber.listener, notice)) this.wake(subscriber);
    }
  }

  private wake(subscriber: Subscriber): void {
    if (subscriber.timer) return; // already due: that event will cover this change too
    const wait = subscriber.lastSentAt + this.coalesceMs - Date.now();
    if (wait <= 0) {
      this.deliver(subscriber);
      return;
    }
    subscriber.timer = setTimeout(() => {
      subscriber.timer = null;
      if (this.subscribers.has(subscriber)) this.deliver(subscriber);
    }, wait);
  }

  private deliver(subscriber: Subscriber): void {
    subscriber.lastSentAt = Date.now();
    subscriber.send(String(this.version));
  }

  /** Drops every subscriber and the LISTEN. */
  async close(): Promise<void> {
    this.closed = true;
    for (const subscriber of this.subscribers) if (subscriber.timer) clearTimeout(subscriber.timer);
    this.subscribers.clear();
    const listening = this.listening;
    this.listening = null;
    if (listening) await (await listening.catch(() => async () => undefined))();
  }
}
