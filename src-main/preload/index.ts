import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildCrmApi, REPLICA_READY_CHANNEL, REPLICA_REQUEST_CHANNEL, REPLICA_RESPONSE_CHANNEL, type RendererReplica } from '../../src-shared/contract/crm-api';

// The narrow bridge (STYLE.md habit 3): one method per capability, derived from the contract's maps;
// listeners return their unsubscribe; never ipcRenderer itself. Main validates every argument again.
function listen(event: string, listener: (payload: unknown) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(event, handler);
  return () => ipcRenderer.removeListener(event, handler);
}

function serveReplica(replica: RendererReplica): () => void {
  const handler = (_event: IpcRendererEvent, request: { id: number; op: keyof RendererReplica; arg?: unknown }) => {
    const run = async () => {
      if (request.op === 'cursor') return replica.cursor();
      if (request.op === 'reset') return replica.reset();
      if (request.op === 'apply') return replica.apply(request.arg as Parameters<RendererReplica['apply']>[0]);
      throw new Error(`unknown replica operation ${String(request.op)}`);
    };
    run().then(
      (value) => ipcRenderer.send(REPLICA_RESPONSE_CHANNEL, { id: request.id, ok: true, value }),
      (error: unknown) => ipcRenderer.send(REPLICA_RESPONSE_CHANNEL, { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
  };
  ipcRenderer.on(REPLICA_REQUEST_CHANNEL, handler);
  ipcRenderer.send(REPLICA_READY_CHANNEL, true);
  return () => {
    ipcRenderer.removeListener(REPLICA_REQUEST_CHANNEL, handler);
    ipcRenderer.send(REPLICA_READY_CHANNEL, false);
  };
}

contextBridge.exposeInMainWorld('crm', buildCrmApi({ invoke: (channel, input) => ipcRenderer.invoke(channel, input), listen, serveReplica }));
