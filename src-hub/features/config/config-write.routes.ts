import type { HubErrorCode } from '../../../src-shared/contract/errors';
import type { FastifyInstance } from 'fastify';
import {
  createDealershipBodySchema,
  createIntakeKeyBodySchema,
  createStageBodySchema,
  intakeKeyCreatedSchema,
  intakeKeyListSchema,
  patchDealershipBodySchema,
  patchStageBodySchema,
} from '../../../src-shared/contract/config.schema';
import { dealershipSchema, stageSchema } from '../../../src-shared/contract/entities.schema';
import { idParamsSchema } from '../../../src-shared/contract/fields.schema';
import type { HubContext } from '../../hub-context';
import { route } from '../../http/route';
import { createDealership, patchDealership } from './dealerships-config.service';
import { createIntakeKey, listIntakeKeys, revokeIntakeKey } from './intake-keys.service';
import { createStage, deleteStage, patchStage } from './stages-config.service';

const tag = 'config';
const managerOnly: HubErrorCode[] = ['forbidden'];
const uniqueWrite: HubErrorCode[] = ['forbidden', 'already_exists'];

/** Configuration writes (managers): stages, dealerships, intake keys. Reads are in config-read.routes.ts. */
export function registerConfigWriteRoutes(app: FastifyInstance, hub: HubContext): void {
  route(
    app,
    hub,
    { method: 'POST', url: '/stages', tag, summary: 'Add a stage', auth: 'user', body: createStageBodySchema, response: stageSchema, status: 201, errors: uniqueWrite },
    ({ user, body }) => createStage(hub, user, body),
  );
  route(
    app,
    hub,
    {
      method: 'PATCH',
      url: '/stages/:id',
      tag,
      summary: 'Rename, reorder, fold a stage, or change its won/lost flags (only while it holds no lead)',
      auth: 'user',
      params: idParamsSchema,
      body: patchStageBodySchema,
      response: stageSchema,
      errors: [...uniqueWrite, 'stage_in_use'],
    },
    ({ user, params, body }) => patchStage(hub, user, params.id, body),
  );
  route(
    app,
    hub,
    { method: 'DELETE', url: '/stages/:id', tag, summary: 'Delete a stage that holds no lead (clients rebuild their replica)', auth: 'user', params: idParamsSchema, status: 204, errors: [...managerOnly, 'stage_in_use'] },
    async ({ user, params }) => deleteStage(hub, user, params.id),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/dealerships',
      tag,
      summary: 'Add a dealership (the Odoo API key is write-only: stored encrypted, never returned)',
      auth: 'user',
      body: createDealershipBodySchema,
      response: dealershipSchema,
      status: 201,
      errors: uniqueWrite,
    },
    ({ user, body }) => createDealership(hub, user, body),
  );
  route(
    app,
    hub,
    {
      method: 'PATCH',
      url: '/dealerships/:id',
      tag,
      summary: 'Edit a dealership: an omitted apiKey keeps the stored one while the URL stays on the same origin (scheme, host, port; another origin without apiKey: 400 naming apiKey), connection null removes the connection',
      auth: 'user',
      params: idParamsSchema,
      body: patchDealershipBodySchema,
      response: dealershipSchema,
      errors: uniqueWrite,
    },
    ({ user, params, body }) => patchDealership(hub, user, params.id, body),
  );
  route(
    app,
    hub,
    { method: 'GET', url: '/intake-keys', tag, summary: 'Intake keys in use (never the keys themselves)', auth: 'user', response: intakeKeyListSchema, errors: managerOnly },
    ({ user }) => listIntakeKeys(hub, user),
  );
  route(
    app,
    hub,
    {
      method: 'POST',
      url: '/intake-keys',
      tag,
      summary: 'A new intake key for a distributor feed, shown in this answer only',
      auth: 'user',
      body: createIntakeKeyBodySchema,
      response: intakeKeyCreatedSchema,
      status: 201,
      errors: managerOnly,
    },
    ({ user, body }) => createIntakeKey(hub, user, body.name),
  );
  route(
    app,
    hub,
    { method: 'DELETE', url: '/intake-keys/:id', tag, summary: 'Revoke an intake key', auth: 'user', params: idParamsSchema, status: 204, errors: managerOnly },
    async ({ user, params }) => revokeIntakeKey(hub, user, params.id),
  );
}
