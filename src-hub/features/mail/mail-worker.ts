import type { ReadinessCheck } from '../../../src-shared/contract/health.schema';
import type { Database } from '../../db/database';
import type { Clock } from '../../http/clock';
import type { HubConfig, HubLog } from '../../hub-context';
import type { HubMetrics, MailOutcome } from '../metrics/hub-metrics';
import { queueDueReminders } from './activity-reminders.repo';
import { DEFAULT_MAIL_POLL_MS, floorTimeZoneOf, mailDeliveryOf, mailFromOf, smtpUrlOf } from './mail-config';
import { claimDueMails, markAttemptFailed, markSent, type DueMail } from './mail-outbox.repo';
import { afterFailure, DEFAULT_RETRY, type RetryPolicy } from './mail-retry';
import { describeSmtpError, smtpTransport, type MailTransport } from './smtp-transport';

export interface MailWorkerDeps {
  db: Database;
  clock: Clock;
  config: HubConfig;
  log: HubLog;
  /** The hub's metrics (attempts by outcome); tests of the worker alone go without. */
  metrics?: HubMetrics;
}

export interface MailWorkerOptions {
  retry?: RetryPolicy;
  /** Mails (and reminders) handled per tick. */
  batch?: number;
  /** How long a mail being sent is held from other ticks and hub processes. */
  claimMs?: number;
  /** Replaces SMTP (tests of the worker's shell only). */
  transport?: MailTransport;
}

export interface TickResult {
  reminders: number;
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * The mail outbox's worker: each tick queues reminders for activities that fell due, then sends the due
 * mails, with retries and backoff. Ticks never overlap: `tick()` waits for a running one, so a test's
 * `await worker.tick()` sees a whole tick done with the clock as it is then.
 */
export class MailWorker {
  private chain: Promise<unknown> = Promise.resolve();
  private busy = false;
  private timer: NodeJS.Timeout | null = null;
  private transport: MailTransport | null = null;
  /** Wall-clock times (not the hub's clock) for `health()`: liveness is about real time passing. */
  private intervalMs = 0;
  private tickStartedAt = 0;
  private tickEndedAt = 0;
  private stopped = false;
  private readonly retry: RetryPolicy;
  private readonly batch: number;
  private readonly claimMs: number;

  constructor(
    private readonly deps: MailWorkerDeps,
    private readonly options: MailWorkerOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.batch = options.batch ?? 50;
    this.claimMs = options.claimMs ?? 5 * 60_000;
  }

  tick(): Promise<TickResult> {
    const next = this.chain.then(() => this.runTick());
    this.chain = next.catch(() => undefined);
    return next;
  }

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.intervalMs = intervalMs;
    this.tickEndedAt = Date.now();
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.tick().catch((error: unknown) => this.deps.log.error('mail worker tick failed', error));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.chain;
    this.transport?.close();
    this.transport = null;
  }

  /**
   * For `GET /readyz`: alive while its timer keeps ticking. A tick that fails (the database is down) still
   * counts — the database check reports that; a tick that runs longer than a mail's claim is stuck.
   */
  health(now = Date.now()): ReadinessCheck {
    if (this.stopped) return { ok: false, detail: 'stopped' };
    if (this.intervalMs <= 0) return { ok: true, detail: 'no timer (mailPollMs 0)' };
    const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
    if (this.busy && now - this.tickStartedAt > this.claimMs) return { ok: false, detail: `a tick has run for ${seconds(now - this.tickStartedAt)}` };
    const quiet = now - this.tickEndedAt;
    if (!this.busy && quiet > 3 * this.intervalMs + 10_000) return { ok: false, detail: `no tick for ${seconds(quiet)} (every ${seconds(this.intervalMs)} expected)` };
    return { ok: true, detail: this.busy ? 'sending' : `last tick ${seconds(quiet)} ago` };
  }

  private async runTick(): Promise<TickResult> {
    this.busy = true;
    this.tickStartedAt = Date.now();
    try {
      const { db, clock, config } = this.deps;
      const result: TickResult = { reminders: await queueDueReminders(db, clock.now(), this.batch, floorTimeZoneOf(config)), sent: 0, retrying: 0, failed: 0 };
      const delivery = mailDeliveryOf(config);
      // Without a mailer (and outside training) mails wait, queued: nothing is lost, they go once one is set.
      if (delivery === 'none') return result;
      const now = clock.now();
      const due = await claimDueMails(db, now, new Date(now.getTime() + this.claimMs), this.batch);
      for (const mail of due) {
        if (delivery === 'local') {
          // Training: the outbox table is the local mailbox; the mail is delivered by being kept there.
          await markSent(db, mail.id, clock.now());
          this.deps.log.info(`mail ${mail.id} to ${mail.to_address} delivered to the local mailbox (training mode, no SMTP_URL)`);
          this.counted('sent');
          result.sent++;
          continue;
        }
        const outcome = await this.sendOne(mail);
        this.counted(outcome);
        result[outcome]++;
      }
      return result;
    } finally {
      this.busy = false;
      this.tickEndedAt = Date.now();
    }
  }

  private async sendOne(mail: DueMail): Promise<'sent' | 'retrying' | 'failed'> {
    const { db, clock, config } = this.deps;
    try {
      await this.smtp().send({ from: mailFromOf(config), to: mail.to_address, subject: mail.subject, text: mail.body });
    } catch (error) {
      const failedAt = clock.now();
      const next = afterFailure(Number(mail.attempts) + 1, failedAt, this.retry);
      const message = describeSmtpError(error, smtpUrlOf(config));
      await markAttemptFailed(db, mail.id, next.status, next.status === 'retrying' ? next.nextAttemptAt : failedAt, message);
      if (next.status === 'failed') this.deps.log.error(`mail ${mail.id} to ${mail.to_address} failed for good: ${message}`);
      return next.status;
    }
    await markSent(db, mail.id, clock.now());
    return 'sent';
  }

  private counted(outcome: MailOutcome): void {
    this.deps.metrics?.mailAttempts.inc({ outcome });
  }

  private smtp(): MailTransport {
    if (!this.transport) {
      const url = smtpUrlOf(this.deps.config);
      this.transport = this.options.transport ?? smtpTransport(url ?? '');
    }
    return this.transport;
  }
}

/** The hub's own worker, started by startHub and stopped on close. */
export function startMailWorker(deps: MailWorkerDeps): MailWorker {
  const worker = new MailWorker(deps);
  worker.start(deps.config.mailPollMs ?? DEFAULT_MAIL_POLL_MS);
  return worker;
}
