import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { pageRequestOf, REPLICA_READY_CHANNEL, REPLICA_REQUEST_CHANNEL, REPLICA_RESPONSE_CHANNEL, type ReplicaOperation } from '../../src-shared/contract/crm-api';
import { ReadySignal } from '../sync/ready-signal';
import type { SyncPage } from '../../src-shared/contract/sync.schema';
import type { ReplicaPort } from '../sync/sync-driver';

/** Main's view of the renderer's replica over IPC: request, then await the renderer's confirmation. */
export function createReplicaBridge(contents: () => WebContents | null, timeoutMs = 60_000): ReplicaPort {
  let nextId = 1;
  const ready = new ReadySignal();
  ipcMain.on(REPLICA_READY_CHANNEL, (event: IpcMainEvent, isReady: unknown) => {
    if (event.sender === contents()) ready.set(isReady === true);
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  ipcMain.on(REPLICA_RESPONSE_CHANNEL, (event: IpcMainEvent, response: { id?: unknown; ok?: unknown; value?: unknown; message?: unknown }) => {
    if (event.sender !== contents()) return; // only the app's own window answers
    const entry = typeof response?.id === 'number' ? pending.get(response.id) : undefined;
    if (!entry) return;
    pending.delete(response.id as number);
    clearTimeout(entry.timer);
    if (response.ok === true) entry.resolve(response.value);
    else entry.reject(new Error(`The local replica refused: ${String(response.message)}`));
  });
  const request = async (op: ReplicaOperation, arg?: unknown): Promise<unknown> => {
    await ready.wait(timeoutMs);
    return new Promise((resolve, reject) => {
      const target = contents();
      if (!target) return reject(new Error('The app window is not open.'));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`The local replica did not answer ${op} in time.`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      target.send(REPLICA_REQUEST_CHANNEL, { id, op, arg });
    });
  };
  return {
    cursor: async () => {
      const value = await request('cursor');
      return typeof value === 'string' ? value : null;
    },
    apply: async (page: SyncPage, after: string | null) => {
      await request('apply', pageRequestOf(page, after));
    },
    reset: async () => {
      await request('reset');
    },
  };
}
