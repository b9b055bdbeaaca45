import type { AppError } from '../../src-shared/contract/errors';
import type { OutboxKind, OutboxSendInput } from '../../src-shared/contract/ipc.contract';
import type { Result } from '../../src-shared/contract/result';
import type { OutboxItem, ReplicaDb } from './replica-db';

export type OutboxSender = (item: OutboxSendInput) => Promise<Result<{ id: string }>>;

/**
 * Worth retrying later: the hub was out of reach or failed, or it waits for this app's update (the items go out
 * from the updated app); anything else is the hub's final answer.
 */
export function isRetryable(error: AppError): boolean {
  return error.code === 'hub_unreachable' || error.code === 'internal' || error.code === 'update_required';
}

/** Records a note, call log or activity at once, as pending, with the clientId that makes its sending idempotent. */
export async function enqueue(db: ReplicaDb, kind: OutboxKind, leadId: string, body: Record<string, unknown>, now = new Date()): Promise<OutboxItem> {
  const item: OutboxItem = { clientId: crypto.randomUUID(), kind, leadId, body, status: 'pending', attempts: 0, lastError: null, createdAt: now.toISOString() };
  item.seq = await db.outbox.add(item);
  return item;
}

export interface FlushOutcome {
  sent: number;
  failed: number;
  /** The hub was out of reach: the rest waits for the next flush. */
  stalled: boolean;
}

/**
 * Sends pending items in the order they were recorded. An item leaves the outbox only once the hub has
 * answered it; a final refusal marks it failed (shown to the user) without blocking the ones behind it.
 */
export async function flushOutbox(db: ReplicaDb, send: OutboxSender): Promise<FlushOutcome> {
  const outcome: FlushOutcome = { sent: 0, failed: 0, stalled: false };
  const pending = await db.outbox.where('status').equals('pending').sortBy('seq');
  for (const item of pending) {
    const result = await send({ kind: item.kind, leadId: item.leadId, clientId: item.clientId, body: item.body });
    if (result.ok) {
      await db.outbox.delete(item.seq as number);
      outcome.sent++;
      continue;
    }
    if (isRetryable(result.error)) {
      await db.outbox.update(item.seq as number, { attempts: item.attempts + 1, lastError: result.error.message });
      outcome.stalled = true;
      break;
    }
    await db.outbox.update(item.seq as number, { status: 'failed', attempts: item.attempts + 1, lastError: result.error.message });
    outcome.failed++;
  }
  return outcome;
}

/** Runs flushes one at a time, again whenever asked meanwhile, and retries with backoff while stalled. */
export class OutboxPump {
  private running = false;
  private again = false;
  /** Flushes (the pump's and flushNow's) run one after another, so no item is sent twice at once. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stalls = 0;

  constructor(
    private readonly db: ReplicaDb,
    private readonly send: OutboxSender,
    private readonly backoffMs: readonly number[] = [1000, 2000, 5000, 10_000, 30_000],
  ) {}

  /** One flush now, awaited (sign-out sends what waits before the token is revoked), after any under way. */
  flushNow(): Promise<FlushOutcome> {
    return this.flush();
  }

  private flush(): Promise<FlushOutcome> {
    const next = this.queue.catch(() => undefined).then(() => flushOutbox(this.db, this.send));
    this.queue = next;
    return next;
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = true;
    void this.run();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    let stalled: boolean;
    try {
      do {
        this.again = false;
        stalled = (await this.flush()).stalled;
      } while (this.again && !stalled);
    } catch {
      stalled = true;
    } finally {
      this.running = false;
    }
    if (stalled) {
      const delay = this.backoffMs[Math.min(this.stalls, this.backoffMs.length - 1)] ?? 30_000;
      this.stalls++;
      this.timer = setTimeout(() => this.kick(), delay);
    } else {
      this.stalls = 0;
    }
  }
}
