import 'fake-indexeddb/auto';
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import type { Lead, User } from '../../../src-shared/contract/entities.schema';
import type { AppError } from '../../../src-shared/contract/errors';
import type { LeadPage, LeadsQueryInput } from '../../../src-shared/contract/leads.schema';
import type { Result } from '../../../src-shared/contract/result';
import { defaultStages } from '../../../src-shared/domain/stages.fixture';
import { ReplicaContextForTests } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { ReplicaDb } from '../../db/replica-db';
import { useAllLeadsFilter } from './all-leads-filter-store';
import { EMPTY_FILTER } from './all-leads-query';
import { useColumnPrefsStore } from './column-prefs-store';
import { seedLeads } from '../../db/lead-store.fixture';

// For All Leads and Call Logs component tests: a replica with users, stages and a dealership, and a fake
// window.crm that records every query and answers from the test.

export const USERS: User[] = [
  { id: 'u1', login: 'agent1', name: 'Maria Santos', email: 'maria@bpo.example', role: 'agent', active: true },
  { id: 'u2', login: 'agent2', name: 'Jose Reyes', email: 'jose@bpo.example', role: 'agent', active: true },
  { id: 'u3', login: 'agent3', name: 'Lito Lapid', email: 'lito@bpo.example', role: 'agent', active: false },
  { id: 'sup', login: 'supervisor1', name: 'Ana Cruz', email: 'ana@bpo.example', role: 'supervisor', active: true },
];

export function aLead(id: string, patch: Partial<Lead> = {}): Lead {
  return {
    id,
    ref: `LEAD/2026/${id.padStart(5, '0')}`,
    customer: { name: `Customer ${id}`, phone: `+63 917 555 ${id.padStart(4, '0')}`, email: `c${id}@mail.example` },
    brand: 'Toyota',
    vehicleModel: 'Vios',
    dealershipId: 'd1',
    source: 'Website',
    stageId: 'new',
    userId: 'u3',
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    claimedAt: '2026-03-01T09:00:00.000Z',
    lostReason: null,
    lostNotes: null,
    dealerSoName: null,
    wonFailure: null,
    version: Number(id),
    ...patch,
  };
}

export const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
export const failure = (error: AppError): Result<never> => ({ ok: false, error });

/** A promise the test settles itself: for slow answers and for watching a batch in progress. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** The queries listLeads received, without the defaults the hub would fill in. */
export interface FakeLeadsHub {
  queries: LeadsQueryInput[];
  crm: Partial<CrmApi>;
}

/** listLeads answers `answer(query)` and records each query. */
export function fakeLeadsHub(answer: (query: LeadsQueryInput) => Result<LeadPage> | Promise<Result<LeadPage>>, more: Partial<CrmApi> = {}): FakeLeadsHub {
  const queries: LeadsQueryInput[] = [];
  return {
    queries,
    crm: {
      listLeads: async (query) => {
        queries.push(query);
        return answer(query);
      },
      ...more,
    },
  };
}

let dbCount = 0;

/** Fresh stores, a seeded replica, the fake crm installed, and the view rendered. */
export async function renderPanel(ui: ReactNode, crm: Partial<CrmApi>, leads: Lead[] = []) {
  useAllLeadsFilter.setState({ ...EMPTY_FILTER });
  useColumnPrefsStore.setState({ byUser: {} });
  useUiStore.setState({ toasts: [], openLeadId: null });
  const db = new ReplicaDb(`all-leads-test-${++dbCount}-${Date.now()}`);
  await db.stages.bulkPut(defaultStages());
  await db.users.bulkPut(USERS);
  await db.dealerships.put({ id: 'd1', code: 'MTY', name: 'Metro Toyota', brands: ['Toyota', 'Lexus'], managerEmail: null, models: [], connection: null });
  await seedLeads(db, leads);
  window.crm = crm as CrmApi;
  const view = render(<ReplicaContextForTests value={{ db, outbox: { kick: () => undefined, stop: () => undefined } as never }}>{ui}</ReplicaContextForTests>);
  return { db, ...view };
}

export function toastTexts(): string[] {
  return useUiStore.getState().toasts.map((toast) => `${toast.kind}: ${toast.text}`);
}
