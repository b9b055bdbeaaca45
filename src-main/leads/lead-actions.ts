import { z } from 'zod';
import { activityListSchema, activitySchema, callLogListSchema, leadSchema, messageListSchema } from '../../src-shared/contract/entities.schema';
import { createLeadResponseSchema } from '../../src-shared/contract/leads.schema';
import { reassignmentSchema } from '../../src-shared/contract/reassignment.schema';
import type { HubClient } from '../hub/hub-client';
import { AppFailure } from '../ipc/app-failure';
import type { IpcHandlers } from '../ipc/ipc-dispatcher';

export interface LeadActionDeps {
  hub: () => HubClient;
  /** A change the hub must make: refused offline, pulled before it resolves. */
  mutate: <T>(call: () => Promise<T>) => Promise<T>;
  /** A read from the hub (no pull). */
  read: <T>(call: () => Promise<T>) => Promise<T>;
  /** Opens a URL with the operating system (Electron's shell.openExternal); only `tel:` reaches it. */
  openExternal: (url: string) => Promise<void>;
}

type LeadChannels =
  | 'leads:claim'
  | 'leads:move-stage'
  | 'leads:mark-lost'
  | 'leads:assign'
  | 'leads:update'
  | 'leads:create'
  | 'leads:fetch'
  | 'leads:reassignment'
  | 'activities:done'
  | 'dialer:call';

const path = (leadId: string, rest = '') => `/leads/${encodeURIComponent(leadId)}${rest}`;

/** `tel:` with the number's digits (and a leading +): nothing else can reach the system's URL handler. */
export function telUrl(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 20 || /[^\d\s+().\-/]/.test(trimmed)) {
    throw AppFailure.of('invalid_input', `"${phone}" is not a phone number the dialer can call.`);
  }
  return `tel:${trimmed.startsWith('+') || trimmed.startsWith('00') ? '+' : ''}${trimmed.startsWith('00') ? digits.slice(2) : digits}`;
}

/** The lead form's and the boards' actions: each one hub call, parsed with the shared schemas. */
export function leadActionHandlers(deps: LeadActionDeps): Pick<IpcHandlers, LeadChannels> {
  return {
    'leads:claim': ({ leadId }) => deps.mutate(() => deps.hub().request({ method: 'POST', path: path(leadId, '/claim'), schema: leadSchema })),
    'leads:move-stage': ({ leadId, ...body }) => deps.mutate(() => deps.hub().request({ method: 'POST', path: path(leadId, '/stage'), body, schema: leadSchema })),
    'leads:mark-lost': ({ leadId, ...body }) => deps.mutate(() => deps.hub().request({ method: 'POST', path: path(leadId, '/lost'), body, schema: leadSchema })),
    'leads:assign': ({ leadId, ...body }) => deps.mutate(() => deps.hub().request({ method: 'POST', path: path(leadId, '/assign'), body, schema: leadSchema })),
    'leads:update': ({ leadId, patch }) => deps.mutate(() => deps.hub().request({ method: 'PATCH', path: path(leadId), body: patch, schema: leadSchema })),
    'leads:create': (body) => deps.mutate(() => deps.hub().request({ method: 'POST', path: '/leads', body, schema: createLeadResponseSchema })),
    'leads:fetch': ({ leadId }) =>
      deps.read(async () => {
        const hub = deps.hub();
        const [lead, messages, callLogs, activities] = await Promise.all([
          hub.request({ method: 'GET', path: path(leadId), schema: leadSchema, idempotent: true }),
          hub.request({ method: 'GET', path: path(leadId, '/messages'), schema: messageListSchema, idempotent: true }),
          hub.request({ method: 'GET', path: path(leadId, '/calls'), schema: callLogListSchema, idempotent: true }),
          hub.request({ method: 'GET', path: path(leadId, '/activities'), schema: activityListSchema, idempotent: true }),
        ]);
        return { lead, messages, callLogs, activities };
      }),
    'leads:reassignment': ({ leadId }) =>
      deps.read(() => deps.hub().request({ method: 'GET', path: path(leadId, '/reassignment'), schema: reassignmentSchema, idempotent: true })),
    'activities:done': ({ activityId }) =>
      deps.mutate(() => deps.hub().request({ method: 'POST', path: `/activities/${encodeURIComponent(activityId)}/done`, schema: activitySchema })),
    'dialer:call': async ({ phone }) => {
      await deps.openExternal(telUrl(phone));
      return z.object({}).parse({});
    },
  };
}
