import { describe, expect, it } from 'vitest';
import { CrmError } from '../../bridge/crm';
import { CONFLICT_MESSAGE, bulkAssign } from './bulk-assign';

const leads = Array.from({ length: 7 }, (_, index) => ({ id: String(index + 1), ref: `LEAD/2026/0000${index + 1}`, version: index + 1 }));

describe('bulkAssign', () => {
  it('assigns each lead with its version, a few at a time, and reports in the leads order', async () => {
    let running = 0;
    let most = 0;
    const calls: unknown[] = [];
    const progress: number[] = [];
    const outcomes = await bulkAssign(
      leads,
      'u9',
      (finished) => progress.push(finished),
      async (lead, userId) => {
        calls.push({ id: lead.id, version: lead.version, userId });
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, Number(lead.id) % 3));
        running--;
        if (lead.id === '3') throw new CrmError({ code: 'version_conflict', message: 'This lead was changed by someone else meanwhile.' });
        if (lead.id === '5') throw new CrmError({ code: 'lead_closed', message: 'A closed lead never returns to the pool.' });
      },
      3,
    );
    expect(most).toBe(3);
    expect(calls).toHaveLength(7);
    expect(calls).toContainEqual({ id: '4', version: 4, userId: 'u9' });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['done', 'done', 'conflict', 'done', 'failed', 'done', 'done']);
    expect(outcomes[2]).toEqual({ lead: { id: '3', ref: 'LEAD/2026/00003' }, outcome: 'conflict', message: CONFLICT_MESSAGE });
    expect(outcomes[4]).toEqual({ lead: { id: '5', ref: 'LEAD/2026/00005' }, outcome: 'failed', message: 'A closed lead never returns to the pool.' });
  });

  it('does nothing for no leads', async () => {
    expect(await bulkAssign([], null, () => undefined, async () => undefined)).toEqual([]);
  });
});
