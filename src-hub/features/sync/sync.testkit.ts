import { expect } from 'vitest';
import { syncPageSchema, type SyncPage } from '../../../src-shared/contract/sync.schema';
import type { Activity, CallLog, Lead, Message } from '../../../src-shared/contract/entities.schema';
import { api } from '../../testing/hub-test-env';

/** A test client's replica, applied page by page the way the app does: upserts, removals with children, reset. */
export class TestReplica {
  readonly leads = new Map<string, Lead>();
  readonly messages = new Map<string, Message>();
  readonly callLogs = new Map<string, CallLog>();
  readonly activities = new Map<string, Activity>();
  /** Leads whose whole history the replica holds (`wholeLeadIds`), dropped with the lead. */
  readonly whole = new Set<string>();
  readonly stages = new Set<string>();
  readonly users = new Set<string>();
  cursor: string | undefined;
  pages: SyncPage[] = [];

  /**
   * `beforePull` runs before every request (sync.test.ts waits there for the server's older transactions to end);
   * `history` is what the app asks for (`own`: lazy history) unless a test plays an older app (`all`).
   */
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly beforePull: () => Promise<void> = async () => undefined,
    private readonly history: 'own' | 'all' = 'own',
  ) {}

  /** One `GET /sync`, checked against the contract, applied. */
  async pullOnce(limit?: number): Promise<SyncPage> {
    await this.beforePull();
    const query = new URLSearchParams();
    if (this.cursor) query.set('cursor', this.cursor);
    if (limit) query.set('limit', String(limit));
    query.set('history', this.history);
    const response = await api(this.baseUrl, this.token).get<unknown>(`/sync?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const page = syncPageSchema.parse(response.body);
    this.apply(page);
    return page;
  }

  /** Pulls while `hasMore`; a reset drops everything and starts again. Returns the pages of this pull. */
  async pull(limit?: number): Promise<SyncPage[]> {
    const pages: SyncPage[] = [];
    for (let round = 0; round < 10_000; round++) {
      const page = await this.pullOnce(limit);
      pages.push(page);
      if (page.reset) continue;
      if (!page.hasMore) return pages;
    }
    throw new Error('sync did not finish');
  }

  private apply(page: SyncPage): void {
    this.pages.push(page);
    if (page.reset) {
      for (const map of [this.leads, this.messages, this.callLogs, this.activities]) map.clear();
      this.whole.clear();
      this.cursor = undefined;
      return;
    }
    for (const lead of page.leads) this.leads.set(lead.id, lead);
    for (const id of page.wholeLeadIds ?? []) this.whole.add(id);
    for (const id of page.removedLeadIds) {
      this.leads.delete(id);
      this.whole.delete(id);
      for (const map of [this.messages, this.callLogs, this.activities]) {
        for (const [childId, child] of map) if (child.leadId === id) map.delete(childId);
      }
    }
    for (const message of page.messages) this.messages.set(message.id, message);
    for (const callLog of page.callLogs) this.callLogs.set(callLog.id, callLog);
    for (const activity of page.activities) this.activities.set(activity.id, activity);
    for (const stage of page.stages) this.stages.add(stage.id);
    for (const user of page.users) this.users.add(user.id);
    this.cursor = page.cursor;
  }

  messagesOf(leadId: string): Message[] {
    return [...this.messages.values()].filter((message) => message.leadId === leadId);
  }

  /** Every lead id the pages of this replica ever mentioned (upserted, removed, or as a child's lead). */
  everMentioned(): Set<string> {
    return mentionedLeadIds(this.pages);
  }
}

export function mentionedLeadIds(pages: readonly SyncPage[]): Set<string> {
  const ids = new Set<string>();
  for (const page of pages) {
    for (const lead of page.leads) ids.add(lead.id);
    for (const id of page.removedLeadIds) ids.add(id);
    for (const child of [...page.messages, ...page.callLogs, ...page.activities]) ids.add(child.leadId);
  }
  return ids;
}
