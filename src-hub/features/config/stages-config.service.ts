import { WON_AND_LOST_MESSAGE, type CreateStageBody, type PatchStageBody } from '../../../src-shared/contract/config.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import type { Sql } from '../../db/database';
import { alreadyExists, HubError, notFound } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { recordGlobalChange } from '../changes/change-log';
import { countLeadsInStage, deleteStageRow, insertStage, lockStage as lockStageRow, stageNameTaken, updateStage } from '../stages/stages.repo';
import { isRowId, requireManager } from './require-manager';

export async function createStage(hub: HubContext, user: AuthUser, body: CreateStageBody): Promise<Stage> {
  requireManager(user);
  return hub.db.transaction(async (tx) => {
    await refuseDuplicateName(tx, body.name, null);
    const stage = await insertStage(tx, { name: body.name, sequence: body.sequence, isWon: body.isWon, isLost: body.isLost, folded: body.folded });
    await recordGlobalChange(tx, 'stage', stage.id);
    return stage;
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
      const held = await countLeadsInStage(tx, current.id);
      if (held > 0) {
        throw new HubError(
          'stage_in_use',
          `The stage "${current.name}" holds ${held} lead(s): its won/lost flags cannot change while it does, because that would silently reopen or close them. Create a new stage instead.`,
        );
      }
    }
    if (next.name !== current.name) await refuseDuplicateName(tx, next.name, current.id);
    const updated = await updateStage(tx, next);
    if (!updated) throw notFound('Stage');
    await recordGlobalChange(tx, 'stage', updated.id);
    return updated;
  });
}

/** Only an empty stage can be deleted. Clients cannot express a removed stage as a change: they rebuild. */
export async function deleteStage(hub: HubContext, user: AuthUser, stageId: string): Promise<void> {
  requireManager(user);
  await hub.db.transaction(async (tx) => {
    const current = await lockStage(tx, stageId);
    const held = await countLeadsInStage(tx, current.id);
    if (held > 0) {
      throw new HubError(
        'stage_in_use',
        `The stage "${current.name}" holds ${held} lead(s) and cannot be deleted: leads keep their stage as a record. Rename or fold it instead.`,
      );
    }
    await deleteStageRow(tx, current.id);
    await recordGlobalChange(tx, 'reset', null);
  });
}

/** The stage, locked until the transaction ends (see lockStage in the repo): "holds no lead" stays true until commit. */
async function lockStage(tx: Sql, stageId: string): Promise<Stage> {
  const stage = isRowId(stageId) ? await lockStageRow(tx, stageId) : null;
  if (!stage) throw notFound('Stage');
  return stage;
}

/** Stage names appear in tracking entries and transition messages: two stages of one name would be ambiguous. */
async function refuseDuplicateName(tx: Sql, name: string, exceptId: string | null): Promise<void> {
  if (await stageNameTaken(tx, name, exceptId)) throw alreadyExists('name', `another stage is already called "${name}".`);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
