import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * What Mark as Won must not forget across a lost connection or a restart, kept in a small JSON file in the
 * user-data folder:
 * - reports the hub has not received yet: a confirmation (the Sales Order exists on the dealer) or a failure
 *   (so the lease ends and the chatter says why), retried at start and on reconnect;
 * - creates whose outcome is unknown: no new order is created for that lead before the dealer's own time
 *   limit has passed since it was sent (an Odoo worker may still commit it).
 */

const errorSchema = z.object({ code: z.string(), message: z.string() });

export const pendingReportSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('confirm'),
    /** `${hubUrl}|${userId}`: a report is sent by the user who pushed, to the hub it was pushed on. */
    owner: z.string(),
    leadId: z.string(),
    pushId: z.string(),
    soName: z.string(),
    soId: z.number().int().positive(),
    dealershipName: z.string(),
    savedAt: z.number(),
  }),
  z.object({ kind: z.literal('fail'), owner: z.string(), leadId: z.string(), pushId: z.string(), error: errorSchema, savedAt: z.number() }),
]);
export type PendingReport = z.infer<typeof pendingReportSchema>;
export type PendingConfirmation = Extract<PendingReport, { kind: 'confirm' }>;

export const unsettledCreateSchema = z.object({ hubUrl: z.string(), leadId: z.string(), sentAt: z.number() });
export type UnsettledCreate = z.infer<typeof unsettledCreateSchema>;

const journalSchema = z.object({
  version: z.literal(1),
  pending: z.array(pendingReportSchema),
  unsettled: z.array(unsettledCreateSchema),
});
export type JournalData = z.infer<typeof journalSchema>;

const EMPTY: JournalData = { version: 1, pending: [], unsettled: [] };

/** Where the journal lives: a file in the app, memory in some tests. */
export interface JournalStorage {
  load(): JournalData;
  save(data: JournalData): void;
}

export function memoryJournalStorage(): JournalStorage {
  let data: JournalData = structuredClone(EMPTY);
  return { load: () => structuredClone(data), save: (next) => void (data = structuredClone(next)) };
}

/** One JSON file, replaced atomically; an unreadable file is set aside (`.corrupt`) rather than lost. */
export function fileJournalStorage(path: string): JournalStorage {
  return {
    load() {
      if (!existsSync(path)) return structuredClone(EMPTY);
      const parsed = journalSchema.safeParse(safeJson(readFileSync(path, 'utf8')));
      if (parsed.success) return parsed.data;
      // A retry of Mark as Won still finds the order by the lead reference, so nothing is lost for good.
      renameSync(path, `${path}.corrupt`);
      return structuredClone(EMPTY);
    },
    save(data) {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.tmp`;
      writeFileSync(temp, JSON.stringify(data), { mode: 0o600 });
      renameSync(temp, path);
    },
  };
}

export class WonJournal {
  constructor(private readonly storage: JournalStorage) {}

  pending(owner: string, leadId?: string): PendingReport[] {
    return this.storage.load().pending.filter((item) => item.owner === owner && (leadId === undefined || item.leadId === leadId));
  }

  /** Written before the hub call it stands for, so a crash in between leaves it to be retried. */
  putPending(report: PendingReport): void {
    this.change((data) => ({ ...data, pending: [...data.pending.filter((item) => item.pushId !== report.pushId), report] }));
  }

  removePending(pushId: string): void {
    this.change((data) => ({ ...data, pending: data.pending.filter((item) => item.pushId !== pushId) }));
  }

  unsettled(hubUrl: string, leadId: string): UnsettledCreate | null {
    return this.storage.load().unsettled.find((item) => item.hubUrl === hubUrl && item.leadId === leadId) ?? null;
  }

  /** Recorded before a create is sent; cleared once its outcome is known. */
  putUnsettled(create: UnsettledCreate): void {
    this.change((data) => ({ ...data, unsettled: [...data.unsettled.filter((item) => !(item.hubUrl === create.hubUrl && item.leadId === create.leadId)), create] }));
  }

  clearUnsettled(hubUrl: string, leadId: string): void {
    if (!this.unsettled(hubUrl, leadId)) return;
    this.change((data) => ({ ...data, unsettled: data.unsettled.filter((item) => !(item.hubUrl === hubUrl && item.leadId === leadId)) }));
  }

  private change(update: (data: JournalData) => JournalData): void {
    this.storage.save(update(this.storage.load()));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
