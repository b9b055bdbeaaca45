import type { Activity, CallLog, Dealership, Lead, Message, User } from './entities.schema';
import type { Stage } from '../domain/stages';

// Valid examples of the hub's objects, for tests on every side of the contract.

export const exampleUser: User = {
  id: 'u-agent1',
  login: 'agent1',
  name: 'Agent One',
  email: 'agent1@bpo.example',
  role: 'agent',
  active: true,
};

export const exampleStage: Stage = { id: 's-new', name: 'New', sequence: 10, isWon: false, isLost: false, folded: false };

export const exampleDealership: Dealership = {
  id: 'd-1',
  code: 'TOY-MNL',
  name: 'Toyota Manila',
  brands: ['Toyota'],
  managerEmail: 'manager@dealer.example',
  models: [{ vehicleModel: 'Corolla', productCode: 'COROLLA-2026' }],
  connection: { url: 'https://dealer.example/odoo', database: 'dealer', login: 'bpo', hasApiKey: true, company: { id: 1, name: 'Toyota Manila Inc.' } },
};

export const exampleLead: Lead = {
  id: 'l-1',
  ref: 'LEAD/2026/00042',
  customer: { name: 'Maria Santos', phone: '+63 917 123 4567', email: null },
  brand: 'Toyota',
  vehicleModel: 'Corolla',
  dealershipId: 'd-1',
  source: 'website',
  stageId: 's-new',
  userId: null,
  createdAt: '2026-01-31T09:00:00Z',
  updatedAt: '2026-01-31T09:00:00.123Z',
  claimedAt: null,
  lostReason: null,
  lostNotes: null,
  dealerSoName: null,
  wonFailure: null,
  version: 0,
};

export const exampleMessage: Message = {
  id: 'm-1',
  leadId: 'l-1',
  kind: 'tracking',
  body: 'Claimed',
  authorId: 'u-agent1',
  createdAt: '2026-01-31T09:05:00Z',
  tracking: [{ field: 'userId', from: null, to: 'Agent One' }],
};

export const exampleCallLog: CallLog = {
  id: 'c-1',
  leadId: 'l-1',
  userId: 'u-agent1',
  durationMin: 4.5,
  result: 'answered',
  summary: 'Interested in a test drive.',
  createdAt: '2026-01-31T09:10:00Z',
};

export const exampleActivity: Activity = {
  id: 'a-1',
  leadId: 'l-1',
  userId: 'u-agent1',
  type: 'visit',
  summary: 'Showroom visit',
  dueAt: '2026-02-02T02:00:00Z',
  done: false,
  visitKind: 'showroom',
};
