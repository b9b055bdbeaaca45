import type { HubContext } from '../../hub-context';
import { findUserByLogin } from '../auth/auth.repo';
import { claimLead } from '../leads/claim.service';
import { markLost, moveStage } from '../leads/stage.service';
import { logCall } from '../work/work.service';
import { loadStages } from '../stages/stages.repo';

/**
 * A few leads already being worked, through the real services so their chatter is what a floor produces:
 * agent1 holds three (one Qualified, with a call and a follow-up), agent2 holds two (one Lost).
 */
export async function seedDemoWork(hub: HubContext): Promise<void> {
  const agent1 = await findUserByLogin(hub.db, 'agent1');
  const agent2 = await findUserByLogin(hub.db, 'agent2');
  if (!agent1 || !agent2) return;
  const pool = await hub.db.query<{ id: string }>('select id from leads where user_id is null and not closed order by created_at, id limit 5');
  if (pool.length < 5) return;
  const [a, b, c, d, e] = pool.map((row) => row.id) as [string, string, string, string, string];
  const stages = await loadStages(hub.db);
  const qualified = stages.find((stage) => stage.name === 'Qualified');
  for (const id of [a, b, c]) await claimLead(hub, agent1, id);
  for (const id of [d, e]) await claimLead(hub, agent2, id);
  if (qualified) await moveStage(hub, agent1, a, qualified.id);
  const tomorrow = new Date(hub.clock.now().getTime() + 24 * 3_600_000);
  tomorrow.setUTCHours(2, 0, 0, 0);
  await logCall(hub, agent1, a, {
    durationMin: 6,
    result: 'answered',
    summary: 'Interested in the top variant; asked about financing terms.',
    nextActivity: { type: 'call', summary: 'Send the financing quote and call back', dueAt: tomorrow.toISOString() },
  });
  await logCall(hub, agent1, b, { durationMin: 0, result: 'no_answer', summary: '' });
  await markLost(hub, agent2, e, 'competitor', 'Bought from another brand closer to home.');
}
