import { parseNotice, type EventListener } from './change-fanout';
import { FanoutGroups } from './fanout-groups';

/** Subscribes to the change channel; resolves to the unsubscribe function (`Database.listen` bound to it). */
export type ListenFn = (onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

interface Subscriber {
  listener: EventListener;
  send: (hint: string) => void;
  lastSentAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * One LISTEN per hub process, fanned out to the users connected to this process through visibility groups
 * (a change looks only at the subscribers it may concern). Bursts are coalesced: a subscriber hears at most
 * one event per `coalesceMs`, the first at once and the rest of a burst as one.
 */
export class ChangeBroadcaster {
  private readonly subscribers = new FanoutGroups<Subscriber>();
  private readonly byListener = new Map<EventListener, Set<Subscriber>>();
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
    this.subscribers.add(subscriber, listener);
    const same = this.byListener.get(listener) ?? new Set<Subscriber>();
    same.add(subscriber);
    this.byListener.set(listener, same);
    return () => {
      if (subscriber.timer) clearTimeout(subscriber.timer);
      this.subscribers.remove(subscriber);
      same.delete(subscriber);
      if (same.size === 0 && this.byListener.get(listener) === same) this.byListener.delete(listener);
    };
  }

  /** The listener's visibility changed (a role change seen at a heartbeat): its subscriptions move group. */
  regroup(listener: EventListener): void {
    for (const subscriber of this.byListener.get(listener) ?? []) this.subscribers.add(subscriber, listener);
  }

  private onPayload(payload: string): void {
    const notice = parseNotice(payload);
    this.version++;
    for (const subscriber of this.subscribers.audience(notice)) this.wake(subscriber);
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
    for (const subscriber of [...this.subscribers.all()]) {
      if (subscriber.timer) clearTimeout(subscriber.timer);
      this.subscribers.remove(subscriber);
    }
    this.byListener.clear();
    const listening = this.listening;
    this.listening = null;
    if (listening) await (await listening.catch(() => async () => undefined))();
  }
}
