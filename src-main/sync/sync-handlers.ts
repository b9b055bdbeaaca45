import type { HubConnection } from '../core/hub-connection';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';
import { sendOutboxItem } from '../outbox/outbox-relay';
import type { SessionManager } from '../session/session-manager';
import type { SyncDriver } from './sync-driver';

/** The replica's side: pull now, rebuild, and the outbox's sends (a change the hub makes, pulled before it answers). */
export function syncHandlers(deps: { session: SessionManager; sync: SyncDriver; connection: HubConnection }): Pick<IpcHandlers, 'sync:pull' | 'sync:rebuild' | 'outbox:send'> {
  return {
    'sync:pull': async () => {
      await deps.connection.pullQuietly();
      return {};
    },
    'sync:rebuild': async () => {
      await deps.sync.rebuild();
      return {};
    },
    'outbox:send': async (item) => {
      const sent = await deps.connection.mutate(() => sendOutboxItem(deps.session.hub(), item));
      return { id: sent.id };
    },
  };
}
