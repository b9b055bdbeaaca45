import type { Lead } from '../../../src-shared/contract/entities.schema';
import { CrmError, call, crm } from '../../bridge/crm';
import { errorText } from '../../ui/error-text';

export type BulkOutcome = { lead: Pick<Lead, 'id' | 'ref'>; outcome: 'done' } | { lead: Pick<Lead, 'id' | 'ref'>; outcome: 'conflict' | 'failed'; message: string };

/** The conflict line of the summary: the lead is left as the other person made it. */
export const CONFLICT_MESSAGE = 'changed by someone else, not overwritten';

/** How many assignments run at once: small, so the hub and main's pull after each stay calm. */
export const BULK_CONCURRENCY = 3;

export type AssignOne = (lead: Pick<Lead, 'id' | 'version'>, userId: string | null) => Promise<unknown>;

const assignThroughMain: AssignOne = (lead, userId) => call(crm().assignLead({ leadId: lead.id, userId, version: lead.version }));

/**
 * Assigns each lead (null: back to the pool) with the version it was shown at, a few at a time. A lead changed
 * meanwhile answers version_conflict and is left alone; every other refusal keeps the hub's message. The
 * outcomes come back in the leads' order; `onProgress` counts the finished ones.
 */
export async function bulkAssign(
  leads: ReadonlyArray<Pick<Lead, 'id' | 'ref' | 'version'>>,
  userId: string | null,
  onProgress: (finished: number) => void,
  assign: AssignOne = assignThroughMain,
  concurrency = BULK_CONCURRENCY,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array<BulkOutcome>(leads.length);
  let nextIndex = 0;
  let finished = 0;
  const worker = async () => {
    while (nextIndex < leads.length) {
      const index = nextIndex++;
      const lead = leads[index];
      if (!lead) continue;
      const shown = { id: lead.id, ref: lead.ref };
      try {
        await assign(lead, userId);
        outcomes[index] = { lead: shown, outcome: 'done' };
      } catch (error) {
        outcomes[index] =
          error instanceof CrmError && error.appError.code === 'version_conflict'
            ? { lead: shown, outcome: 'conflict', message: CONFLICT_MESSAGE }
            : { lead: shown, outcome: 'failed', message: errorText(error) };
      }
      onProgress(++finished);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, leads.length) }, worker));
  return outcomes;
}
