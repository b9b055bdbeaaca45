import type { HubErrorCode } from '../../../src-shared/contract/errors';
import type { FastifyInstance } from 'fastify';
import { emptyBodySchema, idParamsSchema } from '../../../src-shared/contract/fields.schema';
import { leadResponseSchema } from '../../../src-shared/contract/leads.schema';
import { wonConfirmBodySchema, wonFailBodySchema, wonPrepareResponseSchema } from '../../../src-shared/contract/won.schema';
import { route } from '../../http/route';
import type { HubContext } from '../../hub-context';
import { confirmWon } from './won-confirm.service';
import { failWon, prepareWon } from './won.service';

const tag = 'won';
const leadErrors: HubErrorCode[] = ['lead_not_claimed', 'lead_closed'];

/** The hub's side of the Won saga (DESIGN.md §5): prepare → (dealer relay) → confirm or fail. */
export function registerWonRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/leads/:id/won/prepare',
      tag,
      summary: 'Start Mark as Won: checks, then a per-lead lease whose push id opens the dealer relay (no credentials)',
      auth: 'user',
      params: idParamsSchema,
      body: emptyBodySchema,
      response: wonPrepareResponseSchema,
      errors: [...leadErrors, 'won_in_progress', 'no_won_stage_configured', 'dealership_not_configured'],
    },
    ({ user, params }) => prepareWon(hub, user, params.id),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/leads/:id/won/confirm',
      tag,
      summary: 'The Sales Order exists: the lead moves to Won with dealerSoName, the lease ends, the manager e-mail is queued (repeatable)',
      auth: 'user',
      params: idParamsSchema,
      body: wonConfirmBodySchema,
      response: leadResponseSchema,
      errors: [...leadErrors, 'won_in_progress', 'version_conflict', 'no_won_stage_configured'],
    },
    ({ user, params, body }) => confirmWon(hub, user, params.id, body),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/leads/:id/won/fail',
      tag,
      summary: 'The push failed before confirm: the error goes to the chatter, the lease ends, the lead is unchanged',
      auth: 'user',
      params: idParamsSchema,
      body: wonFailBodySchema,
      response: leadResponseSchema,
      errors: [...leadErrors, 'version_conflict'],
    },
    ({ user, params, body }) => failWon(hub, user, params.id, body),
  );
}
