import { IPC_CONTRACT, type IpcChannel, type IpcEventName, type IpcEventPayload, type IpcInput, type IpcResult } from './ipc.contract';

/**
 * `window.crm`: one method per capability, each bound to one IPC channel. The preload (Electron) and the
 * browser harness (tests) both build the object from this map, so they cannot drift apart.
 */
export const CRM_METHODS = {
  appInfo: 'app:info',
  signIn: 'auth:sign-in',
  signOut: 'auth:sign-out',
  session: 'auth:session',
  claimLead: 'leads:claim',
  pullNow: 'sync:pull',
} as const satisfies Record<string, IpcChannel>;

/** Main → renderer events, each a `on…` listener that returns its unsubscribe function. */
export const CRM_EVENTS = {
  onSyncChanged: 'sync:changed',
  onConnectionState: 'connection:state',
} as const satisfies Record<string, IpcEventName>;

type Methods = typeof CRM_METHODS;
type Events = typeof CRM_EVENTS;

export type CrmApi = {
  [M in keyof Methods]: undefined extends IpcInput<Methods[M]>
    ? (input?: IpcInput<Methods[M]>) => Promise<IpcResult<Methods[M]>>
    : (input: IpcInput<Methods[M]>) => Promise<IpcResult<Methods[M]>>;
} & {
  [E in keyof Events]: (listener: (payload: IpcEventPayload<Events[E]>) => void) => () => void;
};

/** Every channel has exactly one method (checked by a test as well). */
export const CRM_METHOD_CHANNELS: readonly IpcChannel[] = Object.values(CRM_METHODS);
export const ALL_IPC_CHANNELS: readonly IpcChannel[] = Object.keys(IPC_CONTRACT) as IpcChannel[];
