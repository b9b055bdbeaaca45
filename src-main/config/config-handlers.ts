import { z } from 'zod';
import { intakeKeyCreatedSchema, intakeKeyListSchema, mailOutboxPageSchema, unclaimedAlertListSchema } from '../../src-shared/contract/config.schema';
import { dealershipSchema, stageListSchema, stageSchema, userSchema } from '../../src-shared/contract/entities.schema';
import { workstationSettingsSchema, type WorkstationSettings } from '../../src-shared/contract/settings.schema';
import type { HubClient } from '../hub/hub-client';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';

export interface ConfigDeps {
  hub: () => HubClient;
  /** A change the hub must make: refused offline, pulled before it resolves (the replica holds stages, users, dealerships). */
  mutate: <T>(call: () => Promise<T>) => Promise<T>;
  read: <T>(call: () => Promise<T>) => Promise<T>;
  /** The workstation settings as the hub now has them (the idle lock of this session follows at once). */
  settingsChanged?: (settings: WorkstationSettings) => void;
}

type ConfigChannels =
  | 'stages:create'
  | 'stages:update'
  | 'stages:delete'
  | 'stages:reorder'
  | 'dealerships:create'
  | 'dealerships:update'
  | 'users:create'
  | 'users:update'
  | 'intake-keys:list'
  | 'intake-keys:create'
  | 'intake-keys:revoke'
  | 'mail-outbox:list'
  | 'unclaimed-alerts:list'
  | 'unclaimed-alerts:set'
  | 'settings:get'
  | 'settings:update';

const at = (collection: string, id: string) => `/${collection}/${encodeURIComponent(id)}`;
const nothing = z.undefined().transform(() => ({}));

/** Sequence numbers with room between them, so a later insert need not renumber. */
export const SEQUENCE_STEP = 10;

/** Configuration screens (managers): each one hub call parsed with the shared schemas; the hub decides who may. */
export function configHandlers(deps: ConfigDeps): Pick<IpcHandlers, ConfigChannels> {
  const hub = () => deps.hub();
  return {
    'stages:create': (body) => deps.mutate(() => hub().request({ method: 'POST', path: '/stages', body, schema: stageSchema })),
    'stages:update': ({ id, patch }) => deps.mutate(() => hub().request({ method: 'PATCH', path: at('stages', id), body: patch, schema: stageSchema })),
    'stages:delete': ({ id }) => deps.mutate(() => hub().request({ method: 'DELETE', path: at('stages', id), schema: nothing })),
    'stages:reorder': ({ stageIds }) =>
      deps.mutate(async () => {
        const client = hub();
        const current = await client.request({ method: 'GET', path: '/stages', schema: stageListSchema, idempotent: true });
        const byId = new Map(current.map((stage) => [stage.id, stage]));
        // Only the stages whose number changes are written; one at a time, so a refusal stops the rest.
        for (const [index, id] of stageIds.entries()) {
          const sequence = (index + 1) * SEQUENCE_STEP;
          if (byId.get(id)?.sequence !== sequence) await client.request({ method: 'PATCH', path: at('stages', id), body: { sequence }, schema: stageSchema });
        }
        return client.request({ method: 'GET', path: '/stages', schema: stageListSchema, idempotent: true });
      }),
    'dealerships:create': (body) => deps.mutate(() => hub().request({ method: 'POST', path: '/dealerships', body, schema: dealershipSchema })),
    'dealerships:update': ({ id, patch }) => deps.mutate(() => hub().request({ method: 'PATCH', path: at('dealerships', id), body: patch, schema: dealershipSchema })),
    'users:create': (body) => deps.mutate(() => hub().request({ method: 'POST', path: '/users', body, schema: userSchema })),
    'users:update': ({ id, patch }) => deps.mutate(() => hub().request({ method: 'PATCH', path: at('users', id), body: patch, schema: userSchema })),
    'intake-keys:list': () => deps.read(() => hub().request({ method: 'GET', path: '/intake-keys', schema: intakeKeyListSchema, idempotent: true })),
    'intake-keys:create': (body) => deps.mutate(() => hub().request({ method: 'POST', path: '/intake-keys', body, schema: intakeKeyCreatedSchema })),
    'intake-keys:revoke': ({ id }) => deps.mutate(() => hub().request({ method: 'DELETE', path: at('intake-keys', id), schema: nothing })),
    'settings:get': () => deps.read(() => hub().request({ method: 'GET', path: '/settings/workstation', schema: workstationSettingsSchema, idempotent: true })),
    'settings:update': async (patch) => {
      const settings = await deps.read(() => hub().request({ method: 'PATCH', path: '/settings/workstation', body: patch, schema: workstationSettingsSchema }));
      deps.settingsChanged?.(settings);
      return settings;
    },
    'mail-outbox:list': (query) =>
      deps.read(() =>
        hub().request({
          method: 'GET',
          path: '/mail-outbox',
          query: { status: query.status, limit: query.limit, cursor: query.cursor },
          schema: mailOutboxPageSchema,
          idempotent: true,
        }),
      ),
    'unclaimed-alerts:list': () => deps.read(() => hub().request({ method: 'GET', path: '/unclaimed-alerts', schema: unclaimedAlertListSchema, idempotent: true })),
    'unclaimed-alerts:set': (body) => deps.mutate(() => hub().request({ method: 'POST', path: '/unclaimed-alerts', body, schema: unclaimedAlertListSchema })),
  };
}
