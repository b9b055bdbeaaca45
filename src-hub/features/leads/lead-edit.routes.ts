import type { FastifyInstance } from 'fastify';
import { idParamsSchema } from '../../../src-shared/contract/fields.schema';
import { leadResponseSchema, patchLeadBodySchema } from '../../../src-shared/contract/leads.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { editLead } from './lead-edit.service';

export function registerLeadEditRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    {
      method: 'PATCH',
      url: '/leads/:id',
      tag: 'leads',
      summary: 'Edit an open lead (customer, vehicle model, dealership); changes tracked in the chatter',
      auth: 'user',
      params: idParamsSchema,
      body: patchLeadBodySchema,
      response: leadResponseSchema,
      errors: ['unknown_reference', 'lead_not_claimed', 'lead_closed', 'version_conflict', 'won_in_progress'],
    },
    ({ user, params, body }) => editLead(hub, user, params.id, body),
  );
}
