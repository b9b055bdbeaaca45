import { parseLeadRef } from '../../../src-shared/domain/lead-ref';
import { isClosedStage } from '../../../src-shared/domain/stages';
import { checkTransition } from '../../../src-shared/domain/transitions';
import { one, type Database } from '../../db/database';
import { LEAD_COLUMNS, type LeadRow } from '../leads/lead-row';
import { setStage } from '../leads/stage.service';
import { loadStages } from '../stages/stages.repo';

/**
 * The administrator bypass of the stage rule (the documents' `skip_stage_transition_check`), out of reach of
 * the API: only this command sets it, and the chatter says so. Leaving Lost clears the lost reason (kept in
 * the chatter); leaving Won keeps `dealerSoName` and warns that the dealer's order still exists.
 */
export async function adminMoveStage(db: Database, ref: string, stageName: string, now: Date): Promise<string> {
  if (!parseLeadRef(ref)) throw new Error(`"${ref}" is not a lead reference like LEAD/2026/00042.`);
  return db.transaction(async (tx) => {
    const stages = await loadStages(tx);
    const target = stages.find((stage) => stage.name.toLowerCase() === stageName.trim().toLowerCase());
    if (!target) throw new Error(`No stage named "${stageName}". Stages: ${stages.map((stage) => stage.name).join(', ')}.`);
    const row = await one<LeadRow>(tx, `select ${LEAD_COLUMNS} from leads l where l.ref = $1 for update`, [ref]);
    if (!row) throw new Error(`No lead ${ref}.`);
    const check = checkTransition(stages, row.stage_id, target.id, { skipStageTransitionCheck: true });
    if (!check.ok) throw new Error(check.message);
    const notes = ['Moved by the administrator command (skip_stage_transition_check): the forward-only rule was bypassed.'];
    if (check.from.isLost && !target.isLost && row.lost_reason) {
      notes.push(`The lost reason (${row.lost_reason}${row.lost_notes ? `: ${row.lost_notes}` : ''}) was cleared.`);
      await tx.query('update leads set lost_reason = null, lost_notes = null where id = $1', [row.id]);
    }
    if (check.from.isWon && !target.isWon && row.dealer_so_name) {
      notes.push(`The dealer's Sales Order ${row.dealer_so_name} still exists on the dealer side; cancel it there if needed.`);
    }
    await setStage(tx, null, row, check.from.name, target.name, target.id, isClosedStage(target), now, notes.join('\n'));
    return `${ref}: ${check.from.name} → ${target.name}`;
  });
}
