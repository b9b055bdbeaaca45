import type { FastifyInstance } from 'fastify';
import { patchWorkstationSettingsSchema, workstationSettingsSchema } from '../../../src-shared/contract/settings.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { getWorkstationSettings, patchWorkstationSettings } from './settings.service';

export function registerSettingsRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    { method: 'GET', url: '/settings/workstation', tag: 'config', summary: 'Session length (hours, absolute) and idle lock (minutes) for shared workstations', auth: 'user', response: workstationSettingsSchema },
    () => getWorkstationSettings(hub),
  );
  route(
    app,
    hub,
    {
      method: 'PATCH',
      url: '/settings/workstation',
      tag: 'config',
      summary: 'Set the session length (sessionHours, 1–24, applies to sign-ins from now on) and the idle lock (idleLockMinutes, 1–120)',
      auth: 'user',
      body: patchWorkstationSettingsSchema,
      response: workstationSettingsSchema,
      errors: ['forbidden'],
    },
    ({ user, body }) => patchWorkstationSettings(hub, user, body),
  );
}
