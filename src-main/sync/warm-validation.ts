import { syncPageSchema, type SyncPage } from '../../src-shared/contract/sync.schema';

/**
 * Every page from the hub is checked against the contract before the renderer sees it (hub-client.ts). V8 runs
 * those checks slowly until it has compiled them: the first 10,000-lead page of a first sync took 120–290 ms to
 * check cold against 25–65 ms warm (a probe on this repository's 2-core machine). So while the sign-in screen
 * waits for a person, main checks a made-up page once: the shift's first board no longer pays for the compiling.
 */
export function warmSyncValidation(leads = 2000): boolean {
  return syncPageSchema.safeParse(samplePage(leads)).success;
}

/** A page of `leads` made-up leads with a message, a call log and an activity each: valid by the contract. */
export function samplePage(leads: number): SyncPage {
  const ids = Array.from({ length: leads }, (_unused, index) => String(index + 1));
  const at = (index: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, index)).toISOString();
  return {
    cursor: 'warm-up',
    hasMore: false,
    reset: false,
    removedLeadIds: [],
    wholeLeadIds: ids,
    heldBack: false,
    leads: ids.map((id, index) => ({
      id,
      ref: `LEAD/2026/${id.padStart(5, '0')}`,
      customer: { name: `Customer ${id}`, phone: index % 3 ? `+63 917 555 ${id.padStart(4, '0')}` : null, email: index % 2 ? `customer${id}@mail.example` : null },
      brand: 'Toyota',
      vehicleModel: 'Vios',
      dealershipId: index % 4 ? '1' : null,
      source: 'Website',
      stageId: '1',
      userId: index % 2 ? '7' : null,
      createdAt: at(index),
      updatedAt: at(index + 1),
      claimedAt: index % 2 ? at(index + 2) : null,
      lostReason: null,
      lostNotes: null,
      dealerSoName: null,
      wonFailure: index % 50 ? null : { at: at(index + 3), error: 'The dealer refused the order.', userId: '7' },
      version: index % 5,
    })),
    messages: ids.map((id, index) => ({ id, leadId: id, kind: 'note', body: `Called back ${id}`, authorId: '7', createdAt: at(index), tracking: [] })),
    callLogs: ids.map((id, index) => ({ id, leadId: id, userId: '7', durationMin: 3, result: 'answered', summary: 'Asked for a quote.', createdAt: at(index) })),
    activities: ids.map((id, index) => (index % 2 ? { id, leadId: id, userId: '7', type: 'call', summary: 'Call back', dueAt: at(index), done: false } : { id, leadId: id, userId: '7', type: 'visit', summary: 'Showroom visit', dueAt: at(index), done: false, visitKind: 'showroom' })),
    stages: [],
    users: [],
    dealerships: [],
  };
}
