import type { Database } from '../../db/database';
import { createLead, createUser, stageIds } from '../../testing/hub-test-env';

/**
 * The hand-made floor the report tests compute their expectations from. The test clock stands at
 * 2026-11-23T09:00Z. "Cy Gone" is deactivated. L17 was moved to Lost by an administrator: no reason.
 *
 * | lead | created (UTC)     | brand  | stage       | agent | lost reason |
 * | L1   | 2026-11-01 10:00  | Toyota | New         | -     |             |
 * | L2   | 2026-11-02 10:00  | Toyota | Qualified   | Ana   |             |
 * | L3   | 2026-11-03 10:00  | Toyota | Won         | Ana   |             |
 * | L4   | 2026-11-04 10:00  | Toyota | Lost        | Ana   | price       |
 * | L5   | 2026-11-05 10:00  | Honda  | Won         | Ben   |             |
 * | L6   | 2026-11-06 10:00  | Honda  | Lost        | Ben   | competitor  |
 * | L7   | 2026-11-07 10:00  | Honda  | Lost        | Ben   | price       |
 * | L8   | 2026-11-08 10:00  | Honda  | Negotiation | Cy    |             |
 * | L9   | 2026-11-10 00:00  | Nissan | New         | -     |             |
 * | L10  | 2026-10-20 10:00  | Toyota | Won         | Ana   |             |
 * | L11  | 2026-11-20 10:00  | Toyota | Lost        | Ana   | timing      |
 * | L12  | 2026-11-23 08:30  | Toyota | New         | -     |             |
 * | L13  | 2026-11-23 07:00  | Honda  | New         | -     |             |
 * | L14  | 2026-11-23 05:00  | Toyota | Qualified   | -     |             |  (returned to the pool)
 * | L15  | 2026-11-21 09:00  | Toyota | New         | -     |             |
 * | L16  | 2026-11-18 09:00  | Honda  | New         | -     |             |
 * | L17  | 2026-11-09 12:00  | Nissan | Lost        | Ben   | (none)      |
 *
 * Calls (agent, result, time UTC, lead):
 * | C1 | Ana | answered  | 2026-11-02 10:00 | L2 |
 * | C2 | Ana | answered  | 2026-11-02 15:00 | L2 |
 * | C3 | Ana | no_answer | 2026-11-02 23:30 | L3 |  next day at UTC+1
 * | C4 | Ben | busy      | 2026-11-03 00:30 | L5 |  previous day at UTC-1
 * | C5 | Ben | answered  | 2026-11-03 09:00 | L6 |
 * | C6 | Ana | voicemail | 2026-11-05 12:00 | L4 |
 * | C7 | Ben | answered  | 2026-11-10 00:00 | L6 |
 * | C8 | Ana | answered  | 2026-10-31 23:59 | L2 |
 */
type StageName = 'new' | 'qualified' | 'negotiation' | 'won' | 'lost';
type Agent = 'ana' | 'ben' | 'cy';

const LEADS: ReadonlyArray<[name: string, created: string, brand: string, stage: StageName, agent: Agent | null, reason: string | null]> = [
  ['L1', '2026-11-01T10:00:00Z', 'Toyota', 'new', null, null],
  ['L2', '2026-11-02T10:00:00Z', 'Toyota', 'qualified', 'ana', null],
  ['L3', '2026-11-03T10:00:00Z', 'Toyota', 'won', 'ana', null],
  ['L4', '2026-11-04T10:00:00Z', 'Toyota', 'lost', 'ana', 'price'],
  ['L5', '2026-11-05T10:00:00Z', 'Honda', 'won', 'ben', null],
  ['L6', '2026-11-06T10:00:00Z', 'Honda', 'lost', 'ben', 'competitor'],
  ['L7', '2026-11-07T10:00:00Z', 'Honda', 'lost', 'ben', 'price'],
  ['L8', '2026-11-08T10:00:00Z', 'Honda', 'negotiation', 'cy', null],
  ['L9', '2026-11-10T00:00:00Z', 'Nissan', 'new', null, null],
  ['L10', '2026-10-20T10:00:00Z', 'Toyota', 'won', 'ana', null],
  ['L11', '2026-11-20T10:00:00Z', 'Toyota', 'lost', 'ana', 'timing'],
  ['L12', '2026-11-23T08:30:00Z', 'Toyota', 'new', null, null],
  ['L13', '2026-11-23T07:00:00Z', 'Honda', 'new', null, null],
  ['L14', '2026-11-23T05:00:00Z', 'Toyota', 'qualified', null, null],
  ['L15', '2026-11-21T09:00:00Z', 'Toyota', 'new', null, null],
  ['L16', '2026-11-18T09:00:00Z', 'Honda', 'new', null, null],
  ['L17', '2026-11-09T12:00:00Z', 'Nissan', 'lost', 'ben', null],
];

const CALLS: ReadonlyArray<[agent: Agent, result: string, time: string, lead: string]> = [
  ['ana', 'answered', '2026-11-02T10:00:00Z', 'L2'],
  ['ana', 'answered', '2026-11-02T15:00:00Z', 'L2'],
  ['ana', 'no_answer', '2026-11-02T23:30:00Z', 'L3'],
  ['ben', 'busy', '2026-11-03T00:30:00Z', 'L5'],
  ['ben', 'answered', '2026-11-03T09:00:00Z', 'L6'],
  ['ana', 'voicemail', '2026-11-05T12:00:00Z', 'L4'],
  ['ben', 'answered', '2026-11-10T00:00:00Z', 'L6'],
  ['ana', 'answered', '2026-10-31T23:59:00Z', 'L2'],
];

export interface ReportsFixture {
  users: Record<Agent | 'agent' | 'supervisor' | 'manager', { id: string; token: string }>;
  stages: Record<StageName, string>;
  leads: Record<string, { id: string; ref: string }>;
}

/** Writes the floor above straight into the tables (the reports read tables; the rules are tested elsewhere). */
export async function seedReportsFixture(db: Database): Promise<ReportsFixture> {
  const users = {
    ana: await createUser(db, 'ana', 'agent', 'Ana Agent'),
    ben: await createUser(db, 'ben', 'agent', 'Ben Agent'),
    cy: await createUser(db, 'cy', 'agent', 'Cy Gone'),
    agent: await createUser(db, 'plain-agent', 'agent', 'Plain Agent'),
    supervisor: await createUser(db, 'sup', 'supervisor', 'Sue Pervisor'),
    manager: await createUser(db, 'boss', 'manager', 'Manny Ger'),
  };
  await db.query('update users set active = false where id = $1', [users.cy.id]);
  const stages = (await stageIds(db)) as Record<StageName, string>;
  const leads: Record<string, { id: string; ref: string }> = {};
  for (const [name, created, brand, stage, agent, reason] of LEADS) {
    const lead = await createLead(db, { brand, createdAt: new Date(created), customer: { name: `Customer ${name}`, phone: null, email: `${name.toLowerCase()}@mail.example` } });
    const closed = stage === 'won' || stage === 'lost';
    await db.query('update leads set stage_id = $2, closed = $3, user_id = $4, lost_reason = $5 where id = $1', [
      lead.id,
      stages[stage],
      closed,
      agent ? users[agent].id : null,
      reason,
    ]);
    leads[name] = lead;
  }
  for (const [agent, result, time, lead] of CALLS) {
    await db.query(`insert into call_logs (lead_id, user_id, duration_min, result, summary, created_at) values ($1, $2, 3, $3, 'Called.', $4)`, [
      leads[lead]?.id,
      users[agent].id,
      result,
      time,
    ]);
  }
  return { users, stages, leads };
}
