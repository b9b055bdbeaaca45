import type { FastifyInstance } from 'fastify';
import { idParamsSchema } from '../../../src-shared/contract/fields.schema';
import { emptyBodySchema } from '../../../src-shared/contract/fields.schema';
import {
  assignLeadBodySchema,
  leadPageSchema,
  leadResponseSchema,
  leadsQuerySchema,
  markLostBodySchema,
  moveStageBodySchema,
} from '../../../src-shared/contract/leads.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { loadStages } from '../stages/stages.repo';
import { assignLead, claimLead } from './claim.service';
import { visibleLead } from './lead-access.service';
import { toLeadDto } from './lead-row';
import { listLeads } from './leads-query.repo';
import { markLost, moveStage } from './stage.service';

const tag = 'leads';

export function registerLeadsRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    { method: 'GET', url: '/leads', tag, summary: 'Leads by scope (open, mine, all) with filters and keyset paging', auth: 'user', query: leadsQuerySchema, response: leadPageSchema, errors: ['forbidden'] },
    ({ user, query }) => listLeads(hub.db, user, query),
  );
  route(
    app,
    hub,
    { method: 'GET', url: '/leads/:id', tag, summary: 'One lead the caller may see', auth: 'user', params: idParamsSchema, response: leadResponseSchema },
    async ({ user, params }) => toLeadDto(await visibleLead(hub.db, user, await loadStages(hub.db), params.id)),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/leads/:id/claim',
      tag,
      summary: 'Claim an unclaimed open lead (exactly one of simultaneous claimers wins)',
      auth: 'user',
      params: idParamsSchema,
      body: emptyBodySchema,
      response: leadResponseSchema,
      errors: ['already_claimed', 'lead_closed'],
    },
    ({ user, params }) => claimLead(hub, user, params.id),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/leads/:id/assign',
      tag,
      summary: 'Take over, reassign, or return an open lead to the pool (supervisors and managers)',
      auth: 'user',
      params: idParamsSchema,
      body: assignLeadBodySchema,
      response: leadResponseSchema,
      errors: ['forbidden', 'invalid_assignee', 'lead_closed', 'version_conflict', 'won_in_progress'],
    },
    ({ user, params, body }) => assignLead(hub, user, params.id, body.userId, body.version),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/leads/:id/stage',
      tag,
      summary: 'Move to the next open stage (forward only, one step)',
      auth: 'user',
      params: idParamsSchema,
      body: moveStageBodySchema,
      response: leadResponseSchema,
      errors: ['unknown_reference', 'stage_transition_not_allowed', 'use_won_flow', 'lost_reason_required', 'lead_not_claimed', 'lead_closed', 'version_conflict', 'won_in_progress'],
    },
    ({ user, params, body }) => moveStage(hub, user, params.id, body.stageId, body.version),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/leads/:id/lost',
      tag,
      summary: 'Mark as Lost with a reason and notes (no dealer push)',
      auth: 'user',
      params: idParamsSchema,
      body: markLostBodySchema,
      response: leadResponseSchema,
      errors: ['lost_reason_required', 'stage_transition_not_allowed', 'lead_not_claimed', 'lead_closed', 'won_in_progress'],
    },
    ({ user, params, body }) => markLost(hub, user, params.id, body.reason ?? undefined, body.notes ?? ''),
  );
}
