import type { PatchWorkstationSettings, WorkstationSettings } from '../../../src-shared/contract/settings.schema';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { requireManager } from '../config/require-manager';
import { mergeWorkstationSettings, readWorkstationSettings } from './settings.repo';

/** Every signed-in user reads them: the app needs the idle minutes to lock itself. */
export function getWorkstationSettings(hub: HubContext): Promise<WorkstationSettings> {
  return readWorkstationSettings(hub.db);
}

/** Managers only. A new session length applies to sign-ins from now on; a session's end is fixed when it starts. */
export async function patchWorkstationSettings(hub: HubContext, user: AuthUser, patch: PatchWorkstationSettings): Promise<WorkstationSettings> {
  requireManager(user);
  await mergeWorkstationSettings(hub.db, patch);
  return readWorkstationSettings(hub.db);
}
