import 'fake-indexeddb/auto';
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import type { Activity, Lead } from '../../../src-shared/contract/entities.schema';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import type { SyncPage } from '../../../src-shared/contract/sync.schema';
import { defaultStages } from '../../../src-shared/domain/stages.fixture';
import { ReplicaContextForTests } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { applyOnTop } from '../../db/apply-sync-page.fixture';
import { ReplicaDb } from '../../db/replica-db';

let dbCount = 0;

/** jsdom has no layout: give scroll containers a viewport so the virtualised columns render their first cards. */
export function giveElementsASize(): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 260 });
}

export function aLead(overrides: Partial<Lead> & Pick<Lead, 'id'>): Lead {
  return {
    ref: `LEAD/2026/${overrides.id.padStart(5, '0')}`,
    customer: { name: `Customer ${overrides.id}`, phone: null, email: null },
    brand: 'Toyota',
    vehicleModel: 'Vios',
    dealershipId: 'd1',
    source: 'Website',
    stageId: 'new',
    userId: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    claimedAt: null,
    lostReason: null,
    lostNotes: null,
    dealerSoName: null,
    wonFailure: null,
    version: 1,
    ...overrides,
  };
}

export function anActivity(overrides: Partial<Activity> & Pick<Activity, 'id' | 'leadId' | 'dueAt'>): Activity {
  return { userId: 'u1', type: 'call', summary: 'Call back', done: false, ...overrides } as Activity;
}

/** A page of the given rows, as the hub would send it. */
export function syncPageOf(rows: { leads?: Lead[]; activities?: Activity[] }): SyncPage {
  return { cursor: `c-${++dbCount}`, hasMore: false, reset: false, leads: [], removedLeadIds: [], messages: [], callLogs: [], activities: [], stages: [], users: [], dealerships: [], ...rows };
}

/**
 * A fresh replica over fake-indexeddb with the default stages and the given rows, written by the real sync
 * apply step (so the pool index is filled as in the app), and `window.crm` as a stub.
 */
export async function renderWithReplica(ui: ReactNode, seed: { leads: Lead[]; activities?: Activity[] }, crmStub: Partial<CrmApi> = {}) {
  const db = new ReplicaDb(`board-test-${++dbCount}-${Date.now()}`);
  // Seeded as a synced replica holds them: each lead whole (its history here).
  await applyOnTop(db, { ...syncPageOf(seed), stages: defaultStages(), wholeLeadIds: seed.leads.map((lead) => lead.id) });
  window.crm = crmStub as CrmApi;
  useUiStore.setState({ toasts: [], openLeadId: null });
  const view = render(<ReplicaContextForTests value={{ db, outbox: { kick: () => undefined, stop: () => undefined } as never }}>{ui}</ReplicaContextForTests>);
  return { db, ...view };
}
