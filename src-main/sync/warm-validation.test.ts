import { describe, expect, it } from 'vitest';
import { syncPageSchema } from '../../src-shared/contract/sync.schema';
import { samplePage, warmSyncValidation } from './warm-validation';

describe('warming the sync page check', () => {
  it('checks a page the contract accepts (the path a real page takes, not the error path)', () => {
    const result = syncPageSchema.safeParse(samplePage(60));
    expect(result.success ? [] : result.error.issues.slice(0, 3)).toEqual([]);
    expect(warmSyncValidation(60)).toBe(true);
  });

  it('makes every kind of row, leads with and without their optional parts', () => {
    const page = samplePage(60);
    expect(page.leads).toHaveLength(60);
    expect([page.messages.length, page.callLogs.length, page.activities.length]).toEqual([60, 60, 60]);
    expect(page.leads.some((lead) => lead.wonFailure !== null) && page.leads.some((lead) => lead.claimedAt === null && lead.userId === null)).toBe(true);
  });
});
