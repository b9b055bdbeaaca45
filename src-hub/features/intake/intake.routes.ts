import type { HubErrorCode } from '../../../src-shared/contract/errors';
import type { FastifyInstance } from 'fastify';
import { intakeBodySchema, intakeResponseSchema } from '../../../src-shared/contract/intake.schema';
import { createLeadBodySchema, createLeadResponseSchema } from '../../../src-shared/contract/leads.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { createLeadManually, receiveIntake, type MatchOutcome } from './intake.service';

const statusOf = (outcome: MatchOutcome): number => (outcome.outcome === 'created' ? 201 : 200);
const matchErrors: HubErrorCode[] = ['stage_transition_not_allowed', 'unknown_reference'];

/**
 * Lead intake (distributor feed) and manual create, both through the matcher. They answer 201 or 200 by
 * outcome, which route() cannot express with one `status`: the handlers write the reply themselves (`raw`).
 */
export function registerIntakeRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/intake/leads',
      tag: 'intake',
      summary: 'Receive a lead from the distributor feed: 201 created, or 200 merged (customer has an open lead) or duplicate (externalId seen)',
      auth: 'intake',
      body: intakeBodySchema,
      response: intakeResponseSchema,
      status: 201,
      successDescription: 'created',
      otherSuccesses: [{ status: 200, description: 'merged (into the customer\'s open lead) or duplicate (externalId seen)' }],
      errors: matchErrors,
      raw: true,
    },
    async ({ body, reply }) => {
      const outcome = await receiveIntake(hub, body);
      return reply.code(statusOf(outcome)).send(outcome);
    },
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/leads',
      tag: 'leads',
      summary: 'Manual create through the intake matcher: 201 created (unclaimed, first open stage), or 200 merged into the customer\'s open lead',
      auth: 'user',
      body: createLeadBodySchema,
      response: createLeadResponseSchema,
      status: 201,
      successDescription: 'created',
      otherSuccesses: [{ status: 200, description: 'merged into the customer\'s open lead' }],
      errors: matchErrors,
      raw: true,
    },
    async ({ user, body, reply }) => {
      const outcome = await createLeadManually(hub, user, body);
      return reply.code(statusOf(outcome)).send(outcome);
    },
  );
}
