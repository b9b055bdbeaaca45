import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import type { CrmApi } from '../../../src-shared/contract/crm-api';
import type { Lead, User } from '../../../src-shared/contract/entities.schema';
import type { Role } from '../../../src-shared/domain/roles';
import { defaultStages } from '../../../src-shared/domain/stages.fixture';
import { ReplicaContextForTests } from '../../app/ReplicaProvider';
import { useSessionStore } from '../../app/session-store';
import { useUiStore } from '../../app/ui-store';
import { ReplicaDb } from '../../db/replica-db';
import { seedLeads } from '../../db/lead-store.fixture';
import { markWhole } from '../../db/whole-leads';

// For component tests (load 'fake-indexeddb/auto' first): a seeded replica, a signed-in user, a stub window.crm.

export const USERS: User[] = [
  { id: 'u-agent1', login: 'agent1', name: 'Ana Agent', email: 'agent1@example.com', role: 'agent', active: true },
  { id: 'u-agent2', login: 'agent2', name: 'Ben Agent', email: 'agent2@example.com', role: 'agent', active: true },
  { id: 'u-super', login: 'super1', name: 'Sue Supervisor', email: 'super1@example.com', role: 'supervisor', active: true },
];

export function makeLead(patch: Partial<Lead> = {}): Lead {
  return {
    id: 'lead-1',
    ref: 'LEAD/2026/00042',
    customer: { name: 'Maria Lopez', phone: '+34 600 111 222', email: 'maria@example.com' },
    brand: 'Toyota',
    vehicleModel: 'Corolla Hybrid',
    dealershipId: null,
    source: 'distributor',
    stageId: 'new',
    userId: null,
    createdAt: '2026-03-01T09:00:00Z',
    updatedAt: '2026-03-01T09:00:00Z',
    claimedAt: null,
    lostReason: null,
    lostNotes: null,
    dealerSoName: null,
    wonFailure: null,
    version: 1,
    ...patch,
  };
}

let dbCount = 0;

/** A fresh replica holding the default stages, the users and the given leads, each with its whole history (as own leads are). */
export async function seedReplica(leads: Lead[], notWhole: Lead[] = []): Promise<ReplicaDb> {
  const db = new ReplicaDb(`lead-form-test-${++dbCount}-${Math.random()}`);
  await db.stages.bulkAdd(defaultStages());
  await db.users.bulkAdd(USERS);
  await seedLeads(db, [...leads, ...notWhole]);
  await markWhole(db, leads.map((lead) => lead.id));
  return db;
}

export function signIn(userId: string, role?: Role): void {
  const user = USERS.find((candidate) => candidate.id === userId);
  if (!user) throw new Error(`no test user ${userId}`);
  useSessionStore.getState().setSession({ user: role ? { ...user, role } : user, hubUrl: 'http://127.0.0.1:1', online: true, remembered: true, locked: false, idleLockMinutes: 10 });
}

/** Installs the stub as window.crm; listeners not given answer with a no-op unsubscribe. */
export function stubCrm(methods: Partial<CrmApi>): void {
  window.crm = {
    onWonProgress: () => () => undefined,
    onUpdateChanged: () => () => undefined,
    updateState: async () => ({ ok: true as const, value: { status: 'none' as const } }),
    ...methods,
  } as CrmApi;
}

export function renderWithReplica(db: ReplicaDb, ui: ReactNode, kick: () => void = () => undefined) {
  useUiStore.setState({ toasts: [] });
  return render(
    <ReplicaContextForTests value={{ db, outbox: { kick, stop: () => undefined } as never }}>{ui}</ReplicaContextForTests>,
  );
}

export function toastTexts(): string[] {
  return useUiStore.getState().toasts.map((toast) => `${toast.kind}: ${toast.text}`);
}
