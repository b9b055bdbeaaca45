import type { HubErrorCode } from '../../../src-shared/contract/errors';
import type { FastifyInstance } from 'fastify';
import { activitySchema, activityListSchema, callLogListSchema, callLogSchema, messageListSchema, messageSchema } from '../../../src-shared/contract/entities.schema';
import { emptyBodySchema, idParamsSchema } from '../../../src-shared/contract/fields.schema';
import { callLogPageSchema, callLogsQuerySchema, createActivityBodySchema, createNoteBodySchema, logCallBodySchema } from '../../../src-shared/contract/lead-work.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { listMessages } from '../chatter/messages.repo';
import { visibleLead } from '../leads/lead-access.service';
import { loadStages } from '../stages/stages.repo';
import { listCallLogs } from './call-logs.repo';
import { addNote, leadActivities, leadCalls, logCall, markActivityDone, scheduleActivity } from './work.service';

const tag = 'work';
const workErrors: HubErrorCode[] = ['lead_not_claimed', 'lead_closed', 'client_id_conflict'];

export function registerWorkRoutes(app: FastifyInstance, hub: HubContext): void {
  const readable = async (user: Parameters<typeof visibleLead>[1], id: string) => (await visibleLead(hub.db, user, await loadStages(hub.db), id)).id;

  route(
    app,
    hub,
    { method: 'POST', url: '/leads/:id/calls', tag, summary: 'Log a call (summary to the chatter, optional next activity)', auth: 'user', params: idParamsSchema, body: logCallBodySchema, response: callLogSchema, status: 201, errors: workErrors },
    ({ user, params, body }) => logCall(hub, user, params.id, body),
  );
  route(
    app,
    hub,
    { method: 'POST', url: '/leads/:id/activities', tag, summary: 'Schedule an activity (a visit: type visit with visitKind)', auth: 'user', params: idParamsSchema, body: createActivityBodySchema, response: activitySchema, status: 201, errors: workErrors },
    ({ user, params, body }) => scheduleActivity(hub, user, params.id, body),
  );
  route(
    app,
    hub,
    { method: 'POST', url: '/activities/:id/done', tag, summary: 'Mark an activity done', auth: 'user', params: idParamsSchema, body: emptyBodySchema, response: activitySchema, errors: ['forbidden'] },
    ({ user, params }) => markActivityDone(hub, user, params.id),
  );
  route(
    app,
    hub,
    { method: 'POST', url: '/leads/:id/notes', tag, summary: 'Add a note to the chatter', auth: 'user', params: idParamsSchema, body: createNoteBodySchema, response: messageSchema, status: 201, errors: ['client_id_conflict'] },
    ({ user, params, body }) => addNote(hub, user, params.id, body),
  );
  route(
    app,
    hub,
    { method: 'GET', url: '/leads/:id/messages', tag, summary: 'The chatter, oldest first', auth: 'user', params: idParamsSchema, response: messageListSchema },
    async ({ user, params }) => listMessages(hub.db, await readable(user, params.id)),
  );
  route(
    app,
    hub,
    { method: 'GET', url: '/leads/:id/calls', tag, summary: 'The lead\'s call logs', auth: 'user', params: idParamsSchema, response: callLogListSchema },
    async ({ user, params }) => leadCalls(hub.db, await readable(user, params.id)),
  );
  route(
    app,
    hub,
    { method: 'GET', url: '/leads/:id/activities', tag, summary: 'The lead\'s activities', auth: 'user', params: idParamsSchema, response: activityListSchema },
    async ({ user, params }) => leadActivities(hub.db, await readable(user, params.id)),
  );
  route(
    app,
    hub,
    { method: 'GET', url: '/call-logs', tag, summary: 'Call logs (agents: their own, on leads they can still see)', auth: 'user', query: callLogsQuerySchema, response: callLogPageSchema },
    ({ user, query }) => listCallLogs(hub.db, user, query),
  );
}
