import { WON_AND_LOST_MESSAGE, type CreateStageBody, type PatchStageBody } from '../../../src-shared/contract/config.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { one, type Sql } from '../../db/database';
import { HubError, alreadyExists, notFound } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { recordGlobalChange } from '../changes/change-log';
import { toStage } from '../stages/stages.repo';
import { isRowId, requireManager } from './require-manager';

type StageRow = Parameters<typeof toStage>[0];
const STAGE_COLUMNS = 's.id, s.name, s.sequence, s.is_won, s.is_lost, s.folded';

export async function createStage(hub: HubContext, user: AuthUser, body: CreateStageBody): Promise<Stage> {
  requireManager(user);
  return hub.db.transaction(async (tx) => {
    await refuseDuplicateName(tx, body.name, null);
    const [row] = await tx.query<StageRow>(
      `insert into stages as s (name, sequence, is_won, is_lost, folded) values ($1, $2, $3, $4, $5) returning ${STAGE_COLUMNS}`,
      [body.name, body.sequence, body.isWon, body.isLost, body.folded],
    );
    if (!row) throw new Error('insert into stages returned nothing');
    await recordGlobalChange(tx, 'stage', row.id);
    return toStage(row);
  });
}

/**
 * Rename, reorder, fold, or change the won/lost flags. Leads carry `closed` denormalised from their stage,
 * so the flags may change only on a stage that holds no lead (409 `stage_in_use`).
 */
export async function patchStage(hub: HubContext, user: AuthUser, stageId: string, patch: PatchStageBody): Promise<Stage> {
  requireManager(user);
  return hub.db.transaction(async (tx) => {
    const current = await lockStage(tx, stageId);
    const next: Stage = { ...current, ...definedOnly(patch) };
    if (next.isWon && next.isLost) throw new HubError('invalid_input', `Invalid body: isLost: ${WON_AND_LOST_MESSAGE}.`);
    if (next.isWon !== current.isWon || next.isLost !== current.isLost) {
      const held = await leadCount(tx, current.id);
      if (held > 0) {
        throw new HubError(
          'stage_in_use',
          `The stage "${current.name}" holds ${held} lead(s): its won/lost flags cannot change while it does, because that would silently reopen or close them. Create a new stage instead.`,
        );
      }
    }
    if (next.name !== current.name) await refuseDuplicateName(tx, next.name, current.id);
    const [row] = await tx.query<StageRow>(
      `update stages s set name = $2, sequence = $3, is_won = $4, is_lost = $5, folded = $6 where s.id = $1 returning ${STAGE_COLUMNS}`,
      [current.id, next.name, next.sequence, next.isWon, next.isLost, next.folded],
    );
    if (!row) throw notFound('Stage');
    await recordGlobalChange(tx, 'stage', row.id);
    return toStage(row);
  });
}

/** Only an empty stage can be deleted. Clients cannot express a removed stage as a change: they rebuild. */
export async function deleteStage(hub: HubContext, user: AuthUser, stageId: string): Promise<void> {
  requireManager(user);
  await hub.db.transaction(async (tx) => {
    const current = await lockStage(tx, stageId);
    const held = await leadCount(tx, current.id);
    if (held > 0) {
      throw new HubError(
        'stage_in_use',
        `The stage "${current.name}" holds ${held} lead(s) and cannot be deleted: leads keep their stage as a record. Rename or fold it instead.`,
      );
    }
    await tx.query('delete from stages where id = $1', [current.id]);
    await recordGlobalChange(tx, 'reset', null);
  });
}

/**
 * FOR UPDATE conflicts with the key-share lock a lead's insert or stage move takes on its stage: once held,
 * no lead can enter the stage until this transaction ends, so "holds no lead" stays true until commit.
 */
async function lockStage(tx: Sql, stageId: string): Promise<Stage> {
  if (!isRowId(stageId)) throw notFound('Stage');
  const row = await one<StageRow>(tx, `select ${STAGE_COLUMNS} from stages s where s.id = $1 for update`, [stageId]);
  if (!row) throw notFound('Stage');
  return toStage(row);
}

async function leadCount(tx: Sql, stageId: string): Promise<number> {
  const [row] = await tx.query<{ count: string }>('select count(*) as count from leads where stage_id = $1', [stageId]);
  return Number(row?.count ?? 0);
}

/** Stage names appear in tracking entries and transition messages: two stages of one name would be ambiguous. */
async function refuseDuplicateName(tx: Sql, name: string, exceptId: string | null): Promise<void> {
  const clash = await one(tx, 'select 1 from stages where lower(name) = lower($1) and ($2::bigint is null or id <> $2)', [name, exceptId]);
  if (clash) throw alreadyExists('name', `another stage is already called "${name}".`);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
