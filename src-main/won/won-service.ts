import type { MarkWonOutput, TestConnectionOutput, WonProgress } from '../../src-shared/contract/ipc.contract';
import { NEEDS_HUB_MESSAGE } from '../../src-shared/contract/errors';
import { AppFailure } from '../ipc/app-failure';
import { failWon, isRetryableHubError, type OdooClientFactory, type WonSession } from './won-hub';
import type { PendingReport, WonJournal } from './won-journal';
import { ownerOf, runWonSaga, sendConfirmation, type WonTiming } from './won-saga';
import { runTestConnection } from './test-connection';

export interface WonServiceOptions {
  /** The signed-in user's hub session, or null when nobody is signed in. */
  session: () => WonSession | null;
  journal: WonJournal;
  timing: WonTiming;
  emit: (progress: WonProgress) => void;
  createClient?: OdooClientFactory;
}

export interface RetryOutcome {
  /** Reports the hub now has (confirmations and failures). */
  sent: number;
  /** Still waiting for the hub. */
  kept: number;
}

/**
 * Mark as Won and Test Connection for main: one run per lead at a time, and the reports the hub has not
 * received yet sent first (before a new attempt, at start, on reconnect).
 */
export class WonService {
  private readonly running = new Map<string, Promise<MarkWonOutput>>();
  private retrying: Promise<RetryOutcome> | null = null;

  constructor(private readonly options: WonServiceOptions) {}

  /** A second click while a run is under way joins it instead of starting another. */
  markWon(leadId: string): Promise<MarkWonOutput> {
    const existing = this.running.get(leadId);
    if (existing) return existing;
    const run = this.run(leadId).finally(() => this.running.delete(leadId));
    this.running.set(leadId, run);
    return run;
  }

  /** A push is under way: the idle lock waits for it (the dialog shows its steps). */
  isPushing(): boolean {
    return this.running.size > 0;
  }

  testConnection(dealershipId: string): Promise<TestConnectionOutput> {
    return runTestConnection({ session: this.session(), timing: this.options.timing, createClient: this.options.createClient }, dealershipId);
  }

  /** Sends every kept report of the signed-in user; never throws. */
  retryPendingConfirmations(): Promise<RetryOutcome> {
    this.retrying ??= this.retryAll().finally(() => {
      this.retrying = null;
    });
    return this.retrying;
  }

  private async retryAll(): Promise<RetryOutcome> {
    const session = this.options.session();
    if (!session) return { sent: 0, kept: 0 };
    const outcome: RetryOutcome = { sent: 0, kept: 0 };
    for (const report of this.options.journal.pending(ownerOf(session))) {
      if (this.running.has(report.leadId)) continue;
      try {
        await this.resend(session, report);
        outcome.sent++;
      } catch (error) {
        if (isRetryableHubError(error)) outcome.kept++;
        else outcome.sent++;
      }
    }
    return outcome;
  }

  private async run(leadId: string): Promise<MarkWonOutput> {
    const session = this.session();
    for (const report of this.options.journal.pending(ownerOf(session), leadId)) {
      try {
        const output = await this.resend(session, report);
        if (output) return output;
      } catch (error) {
        // Kept for later (the hub is out of reach) or another push holds the lead: say so, start nothing.
        if (isRetryableHubError(error) || (error instanceof AppFailure && error.appError.code === 'won_in_progress')) throw error;
        // Refused for good: the report is dropped, and a fresh attempt finds the order by the lead reference.
      }
    }
    return runWonSaga({ ...this.options, session }, leadId);
  }

  /** A kept confirmation answers the won lead; a kept failure report answers null once the hub has it. */
  private async resend(session: WonSession, report: PendingReport): Promise<MarkWonOutput | null> {
    if (report.kind === 'confirm') return sendConfirmation(session, this.options.journal, report);
    try {
      await failWon(session, report.leadId, { pushId: report.pushId, error: report.error });
    } catch (error) {
      if (isRetryableHubError(error)) throw AppFailure.of('hub_unreachable', NEEDS_HUB_MESSAGE);
    }
    this.options.journal.removePending(report.pushId);
    return null;
  }

  private session(): WonSession {
    const session = this.options.session();
    if (!session) throw AppFailure.of('unauthenticated', 'Sign in first.');
    return session;
  }
}
