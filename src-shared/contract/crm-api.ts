// Types only from the contract: the preload bundles this file and must stay free of zod.
import type { IpcChannel, IpcEventName, IpcEventPayload, IpcInput, IpcResult } from './ipc.contract';
import type { SyncPage } from './sync.schema';

/**
 * `window.crm`: one method per capability, each bound to one IPC channel. The preload (Electron) and the
 * browser harness (tests) both build the object from this map, so they cannot drift apart.
 */
export const CRM_METHODS = {
  appInfo: 'app:info',
  signIn: 'auth:sign-in',
  signOut: 'auth:sign-out',
  session: 'auth:session',
  lock: 'auth:lock',
  unlock: 'auth:unlock',
  claimLead: 'leads:claim',
  pullNow: 'sync:pull',
  rebuildReplica: 'sync:rebuild',
  sendOutboxItem: 'outbox:send',
  sealKeptOutbox: 'outbox:seal-kept',
  openKeptOutbox: 'outbox:open-kept',
  markWon: 'leads:mark-won',
  testConnection: 'dealerships:test-connection',
  moveStage: 'leads:move-stage',
  markLost: 'leads:mark-lost',
  assignLead: 'leads:assign',
  updateLead: 'leads:update',
  createLead: 'leads:create',
  fetchLead: 'leads:fetch',
  leadReassignment: 'leads:reassignment',
  markActivityDone: 'activities:done',
  callCustomer: 'dialer:call',
  notify: 'notifications:show',
  listLeads: 'leads:list',
  exportLeadsCsv: 'leads:export-csv',
  listCallLogs: 'call-logs:list',
  floorReports: 'reports:floor',
  createStage: 'stages:create',
  updateStage: 'stages:update',
  deleteStage: 'stages:delete',
  reorderStages: 'stages:reorder',
  createDealership: 'dealerships:create',
  updateDealership: 'dealerships:update',
  createUser: 'users:create',
  updateUser: 'users:update',
  listIntakeKeys: 'intake-keys:list',
  createIntakeKey: 'intake-keys:create',
  revokeIntakeKey: 'intake-keys:revoke',
  listMailOutbox: 'mail-outbox:list',
  listUnclaimedAlerts: 'unclaimed-alerts:list',
  setUnclaimedAlert: 'unclaimed-alerts:set',
  updateState: 'updates:state',
  restartToUpdate: 'updates:restart',
  workstationSettings: 'settings:get',
  updateWorkstationSettings: 'settings:update',
} as const satisfies Record<string, IpcChannel>;

/** Main → renderer events, each a `on…` listener that returns its unsubscribe function. */
export const CRM_EVENTS = {
  onSyncChanged: 'sync:changed',
  onConnectionState: 'connection:state',
  onSyncProgress: 'sync:progress',
  onWonProgress: 'won:progress',
  onSessionChanged: 'auth:session-changed',
  onUpdateChanged: 'updates:changed',
} as const satisfies Record<string, IpcEventName>;

type Methods = typeof CRM_METHODS;
type Events = typeof CRM_EVENTS;

/**
 * The replica lives in the renderer (IndexedDB); main's pull loop drives it through these three operations,
 * which the renderer serves (`serveReplica`) and main awaits.
 */
export const REPLICA_OPERATIONS = ['cursor', 'apply', 'reset'] as const;
export type ReplicaOperation = (typeof REPLICA_OPERATIONS)[number];

/** A sync page to apply, as main hands it to the renderer. */
export interface ReplicaPageRequest {
  /**
   * The page as JSON text, parsed where it is applied. Megabytes of rows cross Electron's IPC and the context
   * bridge as one string: the bridge copies an object property by property, slower than a structured clone
   * (electron/electron#22774), while a string crosses it without a copy (#24531); one JSON.parse in the page then
   * makes the objects.
   */
  json: string;
  /** The cursor the page was asked for with (null: from the start): the page applies only onto a replica there. */
  after: string | null;
}

/** How main hands a page over, whichever the transport (Electron's IPC, the browser shell's stream). */
export function pageRequestOf(page: SyncPage, after: string | null): ReplicaPageRequest {
  return { json: JSON.stringify(page), after };
}

export interface RendererReplica {
  cursor(): Promise<string | null>;
  /**
   * Applies the page and its cursor in one transaction, only onto a replica whose cursor is `after` (another
   * cursor: refused, nothing changed). Pages are applied in the order the calls come, a call not waiting for the
   * one before it to finish: main hands over the next page while the renderer still writes one.
   */
  apply(page: ReplicaPageRequest): Promise<void>;
  reset(): Promise<void>;
}

export type CrmApi = {
  [M in keyof Methods]: undefined extends IpcInput<Methods[M]>
    ? (input?: IpcInput<Methods[M]>) => Promise<IpcResult<Methods[M]>>
    : (input: IpcInput<Methods[M]>) => Promise<IpcResult<Methods[M]>>;
} & {
  [E in keyof Events]: (listener: (payload: IpcEventPayload<Events[E]>) => void) => () => void;
} & {
  /** Registers the renderer's replica with main's pull loop; returns the function that unregisters it. */
  serveReplica: (replica: RendererReplica) => () => void;
};

export const CRM_METHOD_CHANNELS: readonly IpcChannel[] = Object.values(CRM_METHODS);

/** How a `window.crm` reaches main: the preload's ipcRenderer, or any stand-in with the same three parts. */
export interface CrmTransport {
  invoke(channel: IpcChannel, input: unknown): Promise<unknown>;
  listen(event: IpcEventName, listener: (payload: unknown) => void): () => void;
  serveReplica(replica: RendererReplica): () => void;
}

/**
 * `window.crm` derived from the two maps (STYLE.md habit 14): a new channel is one line in CRM_METHODS, never a
 * hand-written method beside it. The channel's result type is the map's, so the cast is exact by construction.
 */
export function buildCrmApi(transport: CrmTransport): CrmApi {
  const api: Record<string, unknown> = { serveReplica: (replica: RendererReplica) => transport.serveReplica(replica) };
  for (const [name, channel] of Object.entries(CRM_METHODS)) api[name] = (input?: unknown) => transport.invoke(channel, input);
  for (const [name, event] of Object.entries(CRM_EVENTS)) api[name] = (listener: (payload: unknown) => void) => transport.listen(event, listener);
  return api as CrmApi;
}

/** Channels of the replica round trip (main asks, the renderer answers). */
export const REPLICA_REQUEST_CHANNEL = 'replica:request';
export const REPLICA_RESPONSE_CHANNEL = 'replica:response';
/** The renderer tells main when its replica is open for the signed-in user (true) or closed (false). */
export const REPLICA_READY_CHANNEL = 'replica:ready';
