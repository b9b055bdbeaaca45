import { AppFailure } from '../ipc/app-failure';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import type { AppUpdates } from './app-updates';

/** What the update banner asks: the downloaded version, and Restart to update. */
export function updateHandlers(updates: AppUpdates | null): Pick<IpcHandlers, 'updates:state' | 'updates:restart'> {
  return {
    'updates:state': async () => updates?.current() ?? { status: 'none' as const },
    'updates:restart': async () => {
      if (!updates) throw AppFailure.of('invalid_input', 'This copy of BPO CRM is not updated from the hub (development or browser shell).');
      updates.restart();
      return undefined;
    },
  };
}
