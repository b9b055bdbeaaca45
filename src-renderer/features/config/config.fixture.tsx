import 'fake-indexeddb/auto';
import type { ReactNode } from 'react';
import { configure, render } from '@testing-library/react';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import type { Dealership, Lead, User } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { defaultStages } from '../../../src-shared/domain/stages.fixture';
import { ReplicaContextForTests } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { ReplicaDb } from '../../db/replica-db';
import { seedLeads } from '../../db/lead-store.fixture';

// For the configuration screens' tests: a seeded replica, a manager, and window.crm as a stub that writes
// into the replica the way main's pull after a successful change would.

export const MANAGER: User = { id: 'u-manager', login: 'manager1', name: 'Ramon Dela Rosa', email: 'ramon@bpo.example', role: 'manager', active: true };

export const USERS: User[] = [
  MANAGER,
  { id: 'u-agent1', login: 'agent1', name: 'Maria Santos', email: 'maria@bpo.example', role: 'agent', active: true },
  { id: 'u-agent2', login: 'agent2', name: 'Jose Reyes', email: 'jose@bpo.example', role: 'agent', active: false },
];

export const METRO: Dealership = {
  id: 'd-1',
  code: 'MTY',
  name: 'Metro Toyota',
  brands: ['Toyota'],
  managerEmail: 'boss@metro.example',
  models: [{ vehicleModel: 'Vios', productCode: 'VIOS-13' }],
  connection: { url: 'https://odoo.metro.example', database: 'metro', login: 'bpo', hasApiKey: true, company: null },
};

export function aLead(id: string, stageId: string): Lead {
  return {
    id,
    ref: `LEAD/2026/${id.padStart(5, '0')}`,
    customer: { name: `Customer ${id}`, phone: null, email: `c${id}@mail.example` },
    brand: 'Toyota',
    vehicleModel: 'Vios',
    dealershipId: 'd-1',
    source: 'Website',
    stageId,
    userId: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    claimedAt: null,
    lostReason: null,
    lostNotes: null,
    dealerSoName: null,
    wonFailure: null,
    version: 1,
  };
}

// The replica's live queries answer after IndexedDB does: on a busy two-core machine that can take over a second.
configure({ asyncUtilTimeout: 4000 });

let dbCount = 0;

export async function configReplica(seed: { stages?: Stage[]; leads?: Lead[]; dealerships?: Dealership[] } = {}): Promise<ReplicaDb> {
  const db = new ReplicaDb(`config-test-${++dbCount}-${Math.random()}`);
  await db.stages.bulkAdd(seed.stages ?? defaultStages());
  await db.users.bulkAdd(USERS);
  await db.dealerships.bulkAdd(seed.dealerships ?? [METRO]);
  await seedLeads(db, seed.leads ?? []);
  return db;
}

export const answer = <T,>(value: T) => ({ ok: true as const, value });
export const refusal = (code: 'stage_in_use' | 'already_exists' | 'invalid_input' | 'forbidden' | 'internal', message: string) => ({ ok: false as const, error: { code, message } });

export function stubCrm(methods: Partial<CrmApi>): void {
  window.crm = methods as CrmApi;
}

export function renderConfig(db: ReplicaDb, ui: ReactNode) {
  useUiStore.setState({ toasts: [] });
  return render(<ReplicaContextForTests value={{ db, outbox: { kick: () => undefined, stop: () => undefined } as never }}>{ui}</ReplicaContextForTests>);
}

export function toastTexts(): string[] {
  return useUiStore.getState().toasts.map((toast) => `${toast.kind}: ${toast.text}`);
}
