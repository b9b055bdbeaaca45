import { OPEN_AGE_BUCKETS, floorReportsSchema, type FloorReports } from '../../../src-shared/contract/reports.schema';

const bucketLeads = [2, 1, 3, 0, 1, 1];

/** A floor's reports as the hub answers them (checked against the contract). */
export function floorReportsFixture(): FloorReports {
  return floorReportsSchema.parse({
    funnel: [
      { stageId: 'new', stageName: 'New', isWon: false, isLost: false, leads: 12 },
      { stageId: 'qualified', stageName: 'Qualified', isWon: false, isLost: false, leads: 6 },
      { stageId: 'negotiation', stageName: 'Negotiation', isWon: false, isLost: false, leads: 4 },
      { stageId: 'won', stageName: 'Won', isWon: true, isLost: false, leads: 5 },
      { stageId: 'lost', stageName: 'Lost', isWon: false, isLost: true, leads: 3 },
    ],
    agents: [
      { userId: 'u1', name: 'Maria Santos', active: true, leads: 9, open: 3, won: 4, lost: 2, conversionRate: 4 / 6 },
      { userId: 'u2', name: 'Jose Ramos', active: true, leads: 4, open: 4, won: 0, lost: 0, conversionRate: null },
      { userId: 'u3', name: 'Ana Lopez', active: false, leads: 2, open: 0, won: 1, lost: 1, conversionRate: 0.5 },
    ],
    brands: [
      { brand: 'Toyota', leads: 20, open: 15, won: 4, lost: 1, conversionRate: 0.8 },
      { brand: 'Honda', leads: 10, open: 7, won: 1, lost: 2, conversionRate: 1 / 3 },
    ],
    lostReasons: [
      { reason: 'price', leads: 2 },
      { reason: 'competitor', leads: 0 },
      { reason: 'timing', leads: 0 },
      { reason: 'model_unavailable', leads: 1 },
      { reason: 'financing', leads: 0 },
      { reason: 'other', leads: 0 },
    ],
    openAge: {
      asOf: '2026-03-10T12:00:00Z',
      buckets: OPEN_AGE_BUCKETS.map((bucket, index) => ({ ...bucket, leads: bucketLeads[index] ?? 0 })),
      oldest: [
        { leadId: 'lead-9', ref: 'LEAD/2026/00009', customerName: 'Carla Lim', brand: 'Honda', source: 'Website', createdAt: '2026-03-01T09:00:00Z', ageHours: 219 },
        { leadId: 'lead-12', ref: 'LEAD/2026/00012', customerName: 'Ben Reyes', brand: 'Toyota', source: 'Walk-in', createdAt: '2026-03-07T10:00:00Z', ageHours: 74 },
      ],
    },
    calls: [
      { userId: 'u1', name: 'Maria Santos', day: '2026-03-09', result: 'answered', calls: 5 },
      { userId: 'u1', name: 'Maria Santos', day: '2026-03-09', result: 'no_answer', calls: 2 },
      { userId: 'u1', name: 'Maria Santos', day: '2026-03-10', result: 'busy', calls: 1 },
      { userId: 'u2', name: 'Jose Ramos', day: '2026-03-10', result: 'wrong_number', calls: 3 },
    ],
    speedToLead: {
      overall: { leads: 30, toClaim: { leads: 26, medianMinutes: 4.5, p90Minutes: 38 }, toFirstCall: { leads: 20, medianMinutes: 12, p90Minutes: 95.5 } },
      groups: [
        { dimension: 'brand', key: 'Toyota', label: 'Toyota', leads: 20, toClaim: { leads: 18, medianMinutes: 3, p90Minutes: 20 }, toFirstCall: { leads: 14, medianMinutes: 9, p90Minutes: 60 } },
        { dimension: 'brand', key: 'Honda', label: 'Honda', leads: 10, toClaim: { leads: 8, medianMinutes: 11, p90Minutes: 45 }, toFirstCall: { leads: 6, medianMinutes: 30, p90Minutes: 120 } },
        { dimension: 'agent', key: 'u1', label: 'Maria Santos', leads: 9, toClaim: { leads: 9, medianMinutes: 2.5, p90Minutes: 9 }, toFirstCall: { leads: 8, medianMinutes: 7, p90Minutes: 25 } },
        { dimension: 'source', key: 'Website', label: 'Website', leads: 22, toClaim: { leads: 19, medianMinutes: 4, p90Minutes: 30 }, toFirstCall: { leads: 15, medianMinutes: 11, p90Minutes: 80 } },
      ],
    },
    wonFailures: [
      {
        dealershipId: 'd-1',
        dealershipName: 'Metro Toyota',
        leads: 2,
        oldestFailedAt: '2026-03-09T15:00:00Z',
        latestFailedAt: '2026-03-10T09:30:00Z',
        lastError: 'The Odoo server of dealership "Metro Toyota" could not be reached (ECONNREFUSED); nothing was sent. (dealer_unreachable)',
      },
    ],
  });
}

/** Nothing in the period and nobody waiting. */
export function emptyFloorReports(): FloorReports {
  const reports = floorReportsFixture();
  return {
    funnel: reports.funnel.map((stage) => ({ ...stage, leads: 0 })),
    agents: [],
    brands: [],
    lostReasons: reports.lostReasons.map((row) => ({ ...row, leads: 0 })),
    openAge: { asOf: reports.openAge.asOf, buckets: reports.openAge.buckets.map((bucket) => ({ ...bucket, leads: 0 })), oldest: [] },
    calls: [],
    wonFailures: [],
    speedToLead: {
      overall: { leads: 0, toClaim: { leads: 0, medianMinutes: null, p90Minutes: null }, toFirstCall: { leads: 0, medianMinutes: null, p90Minutes: null } },
      groups: [],
    },
  };
}
