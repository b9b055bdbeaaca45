import type { Stage } from '../../../src-shared/domain/stages';
import { sortStages } from '../../../src-shared/domain/stages';
import type { Sql } from '../../db/database';

interface StageRow extends Record<string, unknown> {
  id: string;
  name: string;
  sequence: number;
  is_won: boolean;
  is_lost: boolean;
  folded: boolean;
}

export function toStage(row: StageRow): Stage {
  return { id: row.id, name: row.name, sequence: Number(row.sequence), isWon: row.is_won, isLost: row.is_lost, folded: row.folded };
}

/** Stages by sequence. Small: read whole where rules need them. */
export async function loadStages(sql: Sql): Promise<Stage[]> {
  return sortStages((await sql.query<StageRow>('select id, name, sequence, is_won, is_lost, folded from stages')).map(toStage));
}

/**
 * Stages as a lead move sees them, share-locked until the move commits: a manager's change of a stage's
 * won/lost flags (which locks the row for update) cannot slip in between reading the flags and the move.
 */
export async function loadStagesForMove(sql: Sql): Promise<Stage[]> {
  return sortStages((await sql.query<StageRow>('select id, name, sequence, is_won, is_lost, folded from stages for share')).map(toStage));
}
