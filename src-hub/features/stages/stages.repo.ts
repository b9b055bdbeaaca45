import type { Stage } from '../../../src-shared/domain/stages';
import { sortStages } from '../../../src-shared/domain/stages';
import { one, type Sql } from '../../db/database';

/** A stage as stored; its columns are read through STAGE_COLUMNS (alias `s`), turned into a Stage by toStage. */
export interface StageRow extends Record<string, unknown> {
  id: string;
  name: string;
  sequence: number;
  is_won: boolean;
  is_lost: boolean;
  folded: boolean;
}

export const STAGE_COLUMNS = 's.id, s.name, s.sequence, s.is_won, s.is_lost, s.folded';

export function toStage(row: StageRow): Stage {
  return { id: row.id, name: row.name, sequence: Number(row.sequence), isWon: row.is_won, isLost: row.is_lost, folded: row.folded };
}

/** Stages by sequence. Small: read whole where rules need them. */
export async function loadStages(sql: Sql): Promise<Stage[]> {
  return sortStages((await sql.query<StageRow>(`select ${STAGE_COLUMNS} from stages s`)).map(toStage));
}

/**
 * Stages as a lead move sees them, share-locked until the move commits: a manager's change of a stage's
 * won/lost flags (which locks the row for update) cannot slip in between reading the flags and the move.
 */
export async function loadStagesForMove(sql: Sql): Promise<Stage[]> {
  return sortStages((await sql.query<StageRow>(`select ${STAGE_COLUMNS} from stages s for share`)).map(toStage));
}

export async function insertStage(sql: Sql, stage: Omit<Stage, 'id'>): Promise<Stage> {
  const row = await one<StageRow>(
    sql,
    `insert into stages as s (name, sequence, is_won, is_lost, folded) values ($1, $2, $3, $4, $5) returning ${STAGE_COLUMNS}`,
    [stage.name, stage.sequence, stage.isWon, stage.isLost, stage.folded],
  );
  if (!row) throw new Error('insert into stages returned nothing');
  return toStage(row);
}

export async function updateStage(sql: Sql, stage: Stage): Promise<Stage | null> {
  const row = await one<StageRow>(sql, `update stages s set name = $2, sequence = $3, is_won = $4, is_lost = $5, folded = $6 where s.id = $1 returning ${STAGE_COLUMNS}`, [
    stage.id,
    stage.name,
    stage.sequence,
    stage.isWon,
    stage.isLost,
    stage.folded,
  ]);
  return row ? toStage(row) : null;
}

export async function deleteStageRow(sql: Sql, stageId: string): Promise<void> {
  await sql.query('delete from stages where id = $1', [stageId]);
}

/**
 * FOR UPDATE conflicts with the key-share lock a lead's insert or stage move takes on its stage: once held,
 * no lead can enter the stage until this transaction ends.
 */
export async function lockStage(sql: Sql, stageId: string): Promise<Stage | null> {
  const row = await one<StageRow>(sql, `select ${STAGE_COLUMNS} from stages s where s.id = $1 for update`, [stageId]);
  return row ? toStage(row) : null;
}

export async function countLeadsInStage(sql: Sql, stageId: string): Promise<number> {
  const row = await one<{ count: string }>(sql, 'select count(*) as count from leads where stage_id = $1', [stageId]);
  return Number(row?.count ?? 0);
}

/** Whether another stage (not `exceptId`) has this name, case-insensitively. */
export async function stageNameTaken(sql: Sql, name: string, exceptId: string | null): Promise<boolean> {
  return (await one(sql, 'select 1 from stages where lower(name) = lower($1) and ($2::bigint is null or id <> $2)', [name, exceptId])) !== null;
}
