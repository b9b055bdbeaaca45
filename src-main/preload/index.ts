import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CRM_EVENTS,
  CRM_METHODS,
  REPLICA_READY_CHANNEL,
  REPLICA_REQUEST_CHANNEL,
  REPLICA_RESPONSE_CHANNEL,
  type CrmApi,
  type RendererReplica,
} from '../../src-shared/contract/crm-api';
import type { IpcChannel, IpcEventName, IpcEventPayload, IpcInput, IpcResult } from '../../src-shared/contract/ipc.contract';

// The narrow bridge (STYLE.md habit 3): one method per capability, listeners that return their unsubscribe,
// never ipcRenderer itself. Main validates every argument again; nothing here is trusted.
const invoke =
  <C extends IpcChannel>(channel: C) =>
  (input?: IpcInput<C>): Promise<IpcResult<C>> =>
    ipcRenderer.invoke(channel, input) as Promise<IpcResult<C>>;

const listen =
  <E extends IpcEventName>(event: E) =>
  (listener: (payload: IpcEventPayload<E>) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, payload: IpcEventPayload<E>) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => ipcRenderer.removeListener(event, handler);
  };

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

const crm = {
  appInfo: invoke(CRM_METHODS.appInfo),
  signIn: (input) => invoke(CRM_METHODS.signIn)(input),
  signOut: invoke(CRM_METHODS.signOut),
  session: invoke(CRM_METHODS.session),
  claimLead: (input) => invoke(CRM_METHODS.claimLead)(input),
  pullNow: invoke(CRM_METHODS.pullNow),
  rebuildReplica: invoke(CRM_METHODS.rebuildReplica),
  sendOutboxItem: (input) => invoke(CRM_METHODS.sendOutboxItem)(input),
  markWon: (input) => invoke(CRM_METHODS.markWon)(input),
  testConnection: (input) => invoke(CRM_METHODS.testConnection)(input),
  moveStage: (input) => invoke(CRM_METHODS.moveStage)(input),
  markLost: (input) => invoke(CRM_METHODS.markLost)(input),
  assignLead: (input) => invoke(CRM_METHODS.assignLead)(input),
  updateLead: (input) => invoke(CRM_METHODS.updateLead)(input),
  createLead: (input) => invoke(CRM_METHODS.createLead)(input),
  fetchLead: (input) => invoke(CRM_METHODS.fetchLead)(input),
  leadReassignment: (input) => invoke(CRM_METHODS.leadReassignment)(input),
  markActivityDone: (input) => invoke(CRM_METHODS.markActivityDone)(input),
  callCustomer: (input) => invoke(CRM_METHODS.callCustomer)(input),
  notify: (input) => invoke(CRM_METHODS.notify)(input),
  listLeads: (input) => invoke(CRM_METHODS.listLeads)(input),
  exportLeadsCsv: (input) => invoke(CRM_METHODS.exportLeadsCsv)(input),
  listCallLogs: (input) => invoke(CRM_METHODS.listCallLogs)(input),
  floorReports: (input) => invoke(CRM_METHODS.floorReports)(input),
  createStage: (input) => invoke(CRM_METHODS.createStage)(input),
  updateStage: (input) => invoke(CRM_METHODS.updateStage)(input),
  deleteStage: (input) => invoke(CRM_METHODS.deleteStage)(input),
  reorderStages: (input) => invoke(CRM_METHODS.reorderStages)(input),
  createDealership: (input) => invoke(CRM_METHODS.createDealership)(input),
  updateDealership: (input) => invoke(CRM_METHODS.updateDealership)(input),
  createUser: (input) => invoke(CRM_METHODS.createUser)(input),
  updateUser: (input) => invoke(CRM_METHODS.updateUser)(input),
  listIntakeKeys: invoke(CRM_METHODS.listIntakeKeys),
  createIntakeKey: (input) => invoke(CRM_METHODS.createIntakeKey)(input),
  revokeIntakeKey: (input) => invoke(CRM_METHODS.revokeIntakeKey)(input),
  listMailOutbox: (input) => invoke(CRM_METHODS.listMailOutbox)(input),
  onSyncChanged: listen(CRM_EVENTS.onSyncChanged),
  onConnectionState: listen(CRM_EVENTS.onConnectionState),
  onSyncProgress: listen(CRM_EVENTS.onSyncProgress),
  onWonProgress: listen(CRM_EVENTS.onWonProgress),
  serveReplica,
} satisfies CrmApi;

contextBridge.exposeInMainWorld('crm', crm);
